import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { createSqsClient } from "@revolv/queue/sdk-client";
import { sqsTelemetryBodySchema, telemetryTopic } from "@revolv/validators";
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

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let edge: DeviceEdge;
let device: TestDevice;
let other: TestDevice;
let retired: TestDevice;

beforeAll(async () => {
  database = await openTestDatabase();
  device = await insertDevice(database.db);
  other = await insertDevice(database.db);
  retired = await insertDevice(database.db, { status: "decommissioned", decommissionedAt: new Date() });
  edge = await startDeviceEdge({
    db: database.db,
    // Telemetry alone: lifecycle-events.test.ts covers the connects and disconnects.
    lifecycleEvents: false,
    config: {
      mqtt: { port: 0, host: "127.0.0.1" },
      sqs: { kind: "emulator", port: 0, region: "us-east-1", maxReceiveCount: 5 },
    },
  });
});

afterAll(async () => {
  await edge?.stopBroker();
  await edge?.stopQueue();
  await database?.cleanup();
});

const message = (messageId: string) => ({
  v: 1,
  messageId,
  deviceTime: "2026-11-25T06:00:00.000Z",
  readings: [
    { metric: "bin_fill_pet_pct", value: 41.5 },
    { metric: "temperature_c", value: 21.25 },
    { metric: "jam", value: 0 },
  ],
});

/** The promise's value, or an error naming what was awaited once `timeoutMs` passed. */
async function withDeadline<T>(promise: Promise<T>, what: string, timeoutMs = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function queueDepth(): Promise<number> {
  const sqs = createSqsClient({ endpoint: edge.sqs.endpoint, region: edge.sqs.region });
  const result = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: edge.sqs.queueUrl,
      AttributeNames: ["ApproximateNumberOfMessages"],
    }),
  );
  sqs.destroy();
  return Number(result.Attributes?.ApproximateNumberOfMessages ?? 0);
}

describe("device broker", () => {
  it("refuses a bad credential, an unknown device and a decommissioned device", async () => {
    for (const [username, password] of [
      [device.id, `${device.credential}x`],
      [device.id, other.credential],
      ["00000000-0000-4000-8000-000000000000", device.credential],
      ["not-a-uuid", device.credential],
      [retired.id, retired.credential],
    ] as const) {
      const client = connectDevice(edge.mqttPort, { id: username, credential: password });
      await expect(connected(client)).rejects.toThrow(/bad user ?name or password/i);
      client.end(true);
    }
  });

  it("forwards a device's QoS 1 publish to SQS as the IoT rule's body, acknowledged after SQS took it", async () => {
    const client = connectDevice(edge.mqttPort, device, { protocolVersion: 4 });
    await connected(client);
    const sqs = createSqsClient({ endpoint: edge.sqs.endpoint, region: edge.sqs.region });
    const before = Date.now();
    await client.publishAsync(telemetryTopic(device.id), JSON.stringify(message("m-forward-1")), { qos: 1 });
    // The PUBACK came back, so the message must already be in the queue.
    expect(await queueDepth()).toBe(1);
    const [body] = await receiveAll(sqs, edge.sqs.queueUrl, 1);
    const parsed = JSON.parse(body ?? "{}");
    expect(parsed).toEqual({ ...message("m-forward-1"), deviceId: device.id, receivedAt: parsed.receivedAt });
    expect(parsed.receivedAt).toBeGreaterThanOrEqual(before);
    expect(sqsTelemetryBodySchema.safeParse(parsed).success).toBe(true);
    // The rule's aliases come last, as `SELECT *, topic(2) AS deviceId, timestamp() AS receivedAt` writes them.
    expect(Object.keys(parsed).slice(-2)).toEqual(["deviceId", "receivedAt"]);
    await client.endAsync();
    sqs.destroy();
  });

  it("keeps the topic's device id even when the payload claims another", async () => {
    const client = connectDevice(edge.mqttPort, device);
    await connected(client);
    const sqs = createSqsClient({ endpoint: edge.sqs.endpoint, region: edge.sqs.region });
    await client.publishAsync(
      telemetryTopic(device.id),
      JSON.stringify({ ...message("m-spoof"), deviceId: other.id, receivedAt: 1 }),
      { qos: 1 },
    );
    const [body] = await receiveAll(sqs, edge.sqs.queueUrl, 1);
    expect(JSON.parse(body ?? "{}").deviceId).toBe(device.id);
    expect(JSON.parse(body ?? "{}").receivedAt).toBeGreaterThan(1);
    await client.endAsync();
    sqs.destroy();
  });

  it("rejects a publish outside the device's own topic and drops the connection", async () => {
    const client = connectDevice(edge.mqttPort, device);
    await connected(client);
    const dropped = closed(client);
    client.publish(telemetryTopic(other.id), JSON.stringify(message("m-foreign")), { qos: 1 });
    await dropped;
    const client2 = connectDevice(edge.mqttPort, device);
    await connected(client2);
    const dropped2 = closed(client2);
    client2.publish(`devices/${device.id}/commands`, "{}", { qos: 1 });
    await dropped2;
    client.end(true);
    client2.end(true);
    expect(await queueDepth()).toBe(0);
    expect(edge.broker.metrics.refusedPublishes).toBeGreaterThanOrEqual(2);
  });

  it("rejects a payload over 128 KiB", async () => {
    const client = connectDevice(edge.mqttPort, device);
    await connected(client);
    const dropped = closed(client);
    const big = JSON.stringify({ ...message("m-big"), padding: "x".repeat(128 * 1024) });
    client.publish(telemetryTopic(device.id), big, { qos: 1 });
    await dropped;
    client.end(true);
    expect(await queueDepth()).toBe(0);
  });

  it("refuses a device that connects with another device's client id, and the other device keeps its connection", async () => {
    const victim = connectDevice(edge.mqttPort, other);
    await connected(victim);
    let victimDropped = false;
    victim.once("close", () => {
      victimDropped = true;
    });

    // The intruder's own id and credential are good; only the client id is the victim's.
    const intruder = connectDevice(edge.mqttPort, device, { clientId: other.id });
    await expect(connected(intruder)).rejects.toThrow(/identifier rejected/i);
    intruder.end(true);

    // A PUBACK over the victim's socket after the intruder's attempt: the broker still holds it.
    await withDeadline(
      victim.publishAsync(telemetryTopic(other.id), JSON.stringify(message("m-victim")), { qos: 1 }),
      "the victim's PUBACK after the intruder was refused",
    );
    expect(victimDropped).toBe(false);
    expect(victim.connected).toBe(true);
    const sqs = createSqsClient({ endpoint: edge.sqs.endpoint, region: edge.sqs.region });
    const [body] = await receiveAll(sqs, edge.sqs.queueUrl, 1);
    expect(JSON.parse(body ?? "{}")).toMatchObject({ messageId: "m-victim", deviceId: other.id });
    sqs.destroy();
    await victim.endAsync();
  });

  it("lets a device subscribe under its own prefix only", async () => {
    const client = connectDevice(edge.mqttPort, device);
    await connected(client);
    const own = await client.subscribeAsync(`devices/${device.id}/commands`, { qos: 1 });
    expect(own[0]?.qos).toBe(1);
    // SUBACK 0x80 (failure): mqtt.js surfaces it as a rejected subscription.
    await expect(client.subscribeAsync(`devices/${other.id}/telemetry`, { qos: 1 })).rejects.toThrow(
      /subscribe error/i,
    );
    await expect(client.subscribeAsync("devices/+/telemetry", { qos: 1 })).rejects.toThrow(
      /subscribe error/i,
    );
    // The refusal does not cost the device its connection.
    expect(client.connected).toBe(true);
    await client.endAsync();
  });
});
