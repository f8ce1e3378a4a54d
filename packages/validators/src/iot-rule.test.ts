import { describe, expect, it } from "vitest";
import { deviceIdOfTelemetryTopic, iotRuleBody } from "./iot-rule";

const deviceId = "3f1c2b9e-5a4d-4c1e-9f0a-2b3c4d5e6f70";

describe("the IoT rule body (the bridge's, and a redrive's)", () => {
  it("is the payload's fields followed by deviceId and receivedAt", () => {
    const payload = {
      v: 1,
      messageId: "m1",
      deviceTime: "2026-11-25T06:00:00Z",
      readings: [{ metric: "jam", value: 1 }],
    };
    const body = iotRuleBody(deviceId, Buffer.from(JSON.stringify(payload)), 1_764_050_400_000);
    expect(body).toBe(JSON.stringify({ ...payload, deviceId, receivedAt: 1_764_050_400_000 }));
  });

  it("passes a payload that is not a JSON object through as text, for the worker to dead-letter", () => {
    expect(iotRuleBody(deviceId, Buffer.from("not json {"), 1)).toBe("not json {");
    expect(iotRuleBody(deviceId, Buffer.from("[1,2]"), 1)).toBe("[1,2]");
    expect(iotRuleBody(deviceId, Buffer.alloc(0), 1)).toBe("\uFFFD");
  });

  it("leaves characters as they came, for SQS to accept (an emoji) or refuse (a control character)", () => {
    expect(iotRuleBody(deviceId, Buffer.from("A\u0000🍾"), 1)).toBe("A\u0000🍾");
    const payload = { v: 1, note: "🍾\uFFFF" };
    expect(iotRuleBody(deviceId, Buffer.from(JSON.stringify(payload)), 1)).toBe(
      JSON.stringify({ ...payload, deviceId, receivedAt: 1 }),
    );
  });

  it("reads the device id from a telemetry topic as the rule's topic(2), and nothing else", () => {
    expect(deviceIdOfTelemetryTopic(`devices/${deviceId}/telemetry`)).toBe(deviceId);
    expect(deviceIdOfTelemetryTopic("$aws/events/presence/connected/x")).toBeUndefined();
    expect(deviceIdOfTelemetryTopic(`devices/${deviceId}/telemetry/more`)).toBeUndefined();
    expect(deviceIdOfTelemetryTopic("devices//telemetry")).toBeUndefined();
  });
});
