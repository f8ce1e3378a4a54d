import { createSqsClient } from "@revolv/queue/sdk-client";
import { type LifecycleEvent, lifecycleEventSchema, telemetryTopic } from "@revolv/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DeviceEdge, startDeviceEdge } from "../src/edge";
import {
  closed,
  connectDevice,
  connected,
  insertDevice,
  openTestDatabase,
  receiveAll,
  type TestDevice,
} from "./harness";

/**
 * Why a device went, as AWS IoT Core reports it, for the reasons the broker itself decides:
 * a second connection with the same client id takes the session over, a publish outside the
 * device's topic is refused, the broker stops. Over real MQTT sockets, read from fauxqs.
 */
describe("the broker's lifecycle events", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let edge: DeviceEdge;
  let device: TestDevice;
  let other: TestDevice;
  let stopped = false;

  beforeAll(async () => {
    database = await openTestDatabase();
    device = await insertDevice(database.db);
    other = await insertDevice(database.db);
    edge = await startDeviceEdge({
      db: database.db,
      config: {
        mqtt: { port: 0, host: "127.0.0.1" },
        sqs: { kind: "emulator", port: 0, region: "us-east-1", maxReceiveCount: 5 },
      },
    });
  });
  afterAll(async () => {
    if (!stopped) await edge?.stopBroker();
    await edge?.stopQueue();
    await database?.cleanup();
  });

  it("reports a takeover as DUPLICATE_CLIENTID, a refused publish as AUTH_ERROR, a broker stop as SERVER_INITIATED_DISCONNECT", async () => {
    const first = connectDevice(edge.mqttPort, device);
    await connected(first);
    const firstGone = closed(first);
    const second = connectDevice(edge.mqttPort, device);
    await connected(second);
    await firstGone;

    const intruding = connectDevice(edge.mqttPort, other);
    await connected(intruding);
    const intruderGone = closed(intruding);
    intruding.publish(telemetryTopic(device.id), "{}", { qos: 1 });
    await intruderGone;

    // `second` is still connected when the broker stops.
    await edge.stopBroker();
    stopped = true;
    first.end(true);
    second.end(true);
    intruding.end(true);

    const sqs = createSqsClient({ endpoint: edge.sqs.endpoint, region: edge.sqs.region });
    const events = (await receiveAll(sqs, edge.sqs.queueUrl, 6)).map((body) =>
      lifecycleEventSchema.parse(JSON.parse(body)),
    );
    sqs.destroy();
    const disconnects = events.filter(
      (e): e is Extract<LifecycleEvent, { eventType: "disconnected" }> => e.eventType === "disconnected",
    );
    const reasonOf = (clientId: string, versionNumber: number) =>
      disconnects.find((e) => e.clientId === clientId && e.versionNumber === versionNumber)?.disconnectReason;
    expect(events).toHaveLength(6);
    expect(reasonOf(device.id, 0)).toBe("DUPLICATE_CLIENTID");
    expect(reasonOf(other.id, 0)).toBe("AUTH_ERROR");
    expect(reasonOf(device.id, 1)).toBe("SERVER_INITIATED_DISCONNECT");
    expect(disconnects.every((e) => !e.clientInitiatedDisconnect)).toBe(true);
  });
});
