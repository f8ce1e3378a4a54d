import { type SqsEmulator, startSqsEmulator } from "@revolv/queue/emulator";
import { createSqsClient } from "@revolv/queue/sdk-client";
import { telemetryTopic } from "@revolv/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DeviceEdge, startDeviceEdge } from "../src/edge";
import { connectDevice, connected, insertDevice, openTestDatabase, receiveAll } from "./harness";

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let emulator: SqsEmulator;
let edge: DeviceEdge;

beforeAll(async () => {
  database = await openTestDatabase();
  emulator = await startSqsEmulator({ port: 0 });
  // The edge talks to the emulator as to a remote SQS, so the emulator can go down under it.
  edge = await startDeviceEdge({
    db: database.db,
    config: {
      mqtt: { port: 0, host: "127.0.0.1" },
      sqs: {
        kind: "queue",
        queueUrl: emulator.queueUrl,
        endpoint: emulator.endpoint,
        region: emulator.region,
      },
    },
  });
});

afterAll(async () => {
  await edge?.stopBroker();
  await emulator?.stop();
  await database?.cleanup();
});

async function until(condition: () => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not reached");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("acknowledge after SQS", () => {
  it("withholds the PUBACK while SQS is down, and the device's resend arrives after recovery", async () => {
    const device = await insertDevice(database.db);
    const client = connectDevice(edge.mqttPort, device, { reconnectPeriod: 200 });
    await connected(client);

    await emulator.stop();
    let acked = false;
    const body = JSON.stringify({
      v: 1,
      messageId: "m-outage-1",
      deviceTime: new Date().toISOString(),
      readings: [{ metric: "temperature_c", value: 19.5 }],
    });
    const publish = client.publishAsync(telemetryTopic(device.id), body, { qos: 1 }).then(() => {
      acked = true;
    });

    // The bridge tried, SQS was unreachable, the broker refused the publish instead of acking it.
    await until(() => edge.broker.metrics.forwardFailures >= 1);
    expect(acked).toBe(false);

    emulator = await startSqsEmulator({ port: emulator.port });
    await publish;
    expect(acked).toBe(true);

    const sqs = createSqsClient({ endpoint: emulator.endpoint, region: emulator.region });
    const bodies = await receiveAll(sqs, emulator.queueUrl, 1);
    expect(bodies.map((b) => JSON.parse(b).messageId)).toContain("m-outage-1");
    sqs.destroy();
    await client.endAsync();
  });
});
