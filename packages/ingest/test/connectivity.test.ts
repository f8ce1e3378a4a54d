import { ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { type DeviceEdge, startDeviceEdge } from "@revolv/broker";
import type { DatabaseHandle } from "@revolv/db";
import { devices } from "@revolv/db/schema";
import { createDeviceModel } from "@revolv/device-model";
import { createQueueClient, type QueueClient } from "@revolv/queue";
import { type ClickHouseHandle, queryDeviceEvents } from "@revolv/telemetry";
import {
  type DeviceEventType,
  type LifecycleEvent,
  lifecycleEventSchema,
  type TelemetryMessage,
  telemetryTopic,
} from "@revolv/validators";
import { eq } from "drizzle-orm";
import mqtt, { type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type IngestWorker, startIngestWorker } from "../src/index";
import {
  message,
  openChdb,
  openPglite,
  type RegisteredDevice,
  registerDevice,
  sqsClientFor,
  tempDir,
  until,
} from "./harness";

/**
 * Connectivity end to end in one process: devices over real MQTT sockets to the aedes edge,
 * its lifecycle events and telemetry on fauxqs, the worker storing device events in chDB and
 * device status in PGlite, its inactivity sweep on a 1 s timeout.
 */
describe("device connectivity and events through the embedded edge and the worker", () => {
  const temp = tempDir("connectivity");
  let database: DatabaseHandle;
  let clickhouse: ClickHouseHandle;
  let edge: DeviceEdge;
  let queue: QueueClient;
  let worker: IngestWorker | undefined;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    database = await openPglite(temp.dir);
    clickhouse = await openChdb(temp.dir);
    edge = await startDeviceEdge({
      db: database.db,
      config: {
        mqtt: { port: 0, host: "127.0.0.1" },
        sqs: { kind: "emulator", port: 0, region: "us-east-1", maxReceiveCount: 5 },
      },
    });
    queue = createQueueClient({ endpoint: edge.sqs.endpoint, region: edge.sqs.region });
  });
  afterAll(async () => {
    await Promise.allSettled(clients.map((client) => client.endAsync(true)));
    await edge?.stopBroker();
    await worker?.stop();
    await queue?.close();
    await edge?.stopQueue();
    await clickhouse?.close();
    await database?.close();
    temp.cleanup();
  });

  const connect = async (device: RegisteredDevice) => {
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${edge.mqttPort}`, {
      clientId: device.id,
      username: device.id,
      password: device.credential,
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    clients.push(client);
    return client;
  };
  const publish = (client: MqttClient, device: RegisteredDevice, body: TelemetryMessage) =>
    client.publishAsync(telemetryTopic(device.id), JSON.stringify(body), { qos: 1 });

  const startWorker = () => {
    worker ??= startIngestWorker({
      queue,
      queueUrl: edge.sqs.queueUrl,
      deadLetterQueueUrl: edge.sqs.deadLetterQueueUrl as string,
      clickhouse: clickhouse.client,
      db: database.db,
      consumers: 2,
      waitTimeSeconds: 1,
      flushIntervalMs: 100,
      connectivitySweepMs: 200,
      inactivityTimeouts: { rvm: 1, soundbox: 1 },
      log: () => {},
    });
  };
  const events = async (deviceId: string, type?: DeviceEventType) =>
    (await queryDeviceEvents(clickhouse.client, { id: deviceId, type, page: 1, pageSize: 100 })).items;
  const statusOf = async (deviceId: string) =>
    (await database.db.select({ status: devices.status }).from(devices).where(eq(devices.id, deviceId)))[0]
      ?.status;

  it("a connect and a disconnect reach SQS in AWS IoT Core's lifecycle event body, and are stored as events", async () => {
    const device = await registerDevice(database.db, "rvm");
    // A clean disconnect, then a connection that is simply cut.
    const first = await connect(device);
    await first.endAsync();
    const second = await connect(device);
    second.stream.destroy();

    // Read them as SQS holds them before any worker runs; a short visibility hands them back.
    const sqs = sqsClientFor(edge.sqs as { endpoint: string; region: string });
    const bodies = new Map<string, Record<string, unknown>>();
    await until(async () => {
      const out = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: edge.sqs.queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          VisibilityTimeout: 1,
        }),
      );
      for (const m of out.Messages ?? []) bodies.set(m.MessageId ?? "", JSON.parse(m.Body ?? "{}"));
      return bodies.size >= 4;
    }, "four lifecycle events on the queue");
    sqs.destroy();
    const received = [...bodies.values()].sort(
      (a, b) => Number(a.versionNumber) - Number(b.versionNumber) || (a.eventType === "connected" ? -1 : 1),
    );
    // Exactly the fields AWS IoT Core publishes, nothing of ours.
    const connectedKeys = [
      "clientId",
      "timestamp",
      "eventType",
      "sessionIdentifier",
      "principalIdentifier",
      "ipAddress",
      "versionNumber",
    ];
    const disconnectedKeys = [
      "clientId",
      "timestamp",
      "eventType",
      "sessionIdentifier",
      "principalIdentifier",
      "clientInitiatedDisconnect",
      "disconnectReason",
      "versionNumber",
    ];
    expect(received.map((body) => Object.keys(body))).toEqual([
      connectedKeys,
      disconnectedKeys,
      connectedKeys,
      disconnectedKeys,
    ]);
    const parsed = received.map((body) => lifecycleEventSchema.parse(body));
    expect(parsed).toMatchObject([
      { eventType: "connected", clientId: device.id, ipAddress: "127.0.0.1", versionNumber: 0 },
      {
        eventType: "disconnected",
        clientInitiatedDisconnect: true,
        disconnectReason: "CLIENT_INITIATED_DISCONNECT",
        versionNumber: 0,
      },
      { eventType: "connected", versionNumber: 1 },
      {
        eventType: "disconnected",
        clientInitiatedDisconnect: false,
        disconnectReason: "CONNECTION_LOST",
        versionNumber: 1,
      },
    ]);
    const [c0, d0, c1, d1] = parsed as LifecycleEvent[];
    expect(d0?.sessionIdentifier).toBe(c0?.sessionIdentifier);
    expect(d1?.sessionIdentifier).toBe(c1?.sessionIdentifier);
    expect(c1?.sessionIdentifier).not.toBe(c0?.sessionIdentifier);

    startWorker();
    await until(async () => (await events(device.id)).length === 4, "the four lifecycle events are stored");
    const stored = await events(device.id);
    expect(stored.map((e) => [e.type, e.detail]).reverse()).toEqual([
      ["connected", "from 127.0.0.1"],
      ["disconnected", "CLIENT_INITIATED_DISCONNECT"],
      ["connected", "from 127.0.0.1"],
      ["disconnected", "CONNECTION_LOST"],
    ]);
    expect(stored.map((e) => e.at.getTime()).reverse()).toEqual(parsed.map((e) => e.timestamp));
    // Only telemetry is a sign of life: a connect alone leaves the device provisioned.
    expect(await statusOf(device.id)).toBe("provisioned");
  });

  it("a device that stops publishing (--scenario silence) goes offline after its timeout, and comes back on its next message", async () => {
    startWorker();
    const device = await registerDevice(database.db, "rvm");
    const client = await connect(device);
    const model = createDeviceModel(device.id, "rvm", "silence", { scenario: "silence" });
    while (!model.silent()) await publish(client, device, model.nextMessage(Date.now()));
    await until(async () => (await statusOf(device.id)) === "online", "the device is online");
    // Connected but silent: the sweep, not a disconnect, takes it offline.
    await until(async () => (await statusOf(device.id)) === "offline", "the device is offline");
    await until(async () => (await events(device.id, "went_offline")).length > 0, "went_offline is stored");
    const [wentOffline] = await events(device.id, "went_offline");
    expect(wentOffline?.detail).toMatch(/^no message for 1 s \(last at \d{4}-\d\d-\d\dT[\d:.]+Z\)$/);

    const before = Date.now();
    await publish(client, device, model.nextMessage(Date.now()));
    await until(async () => (await statusOf(device.id)) === "online", "the device is online again");
    await until(
      async () => (await events(device.id, "came_back")).some((e) => e.at.getTime() >= before),
      "came_back for the new message is stored",
    );
    // On a busy machine a batch can land after the sweep already counted it late: then the
    // device went and came back once more; and a second after coming back it is silent again
    // (the timeout is 1 s), so it may have gone offline anew. Either way the two alternate,
    // offline first, and each event is stored once.
    const history = (await events(device.id))
      .filter((e) => e.type === "went_offline" || e.type === "came_back")
      .reverse();
    expect(history.length).toBeGreaterThanOrEqual(2);
    expect(history.map((e) => e.type)).toEqual(
      history.map((_, i) => (i % 2 === 0 ? "went_offline" : "came_back")),
    );
    expect(new Set(history.map((e) => e.eventId)).size).toBe(history.length);
  });

  it("a jam (--scenario jam) is one event however many messages repeat it; each new fault code is one", async () => {
    startWorker();
    const device = await registerDevice(database.db, "rvm");
    const client = await connect(device);
    const model = createDeviceModel(device.id, "rvm", "jam", { scenario: "jam" });
    const start = Date.now() - 60_000;
    // One message stored at a time: a transition is read against the readings stored before it.
    const publishStored = async (body: TelemetryMessage) => {
      const stored = worker?.metrics.insertedMessages ?? 0;
      await publish(client, device, body);
      await until(() => (worker?.metrics.insertedMessages ?? 0) > stored, `${body.messageId} is stored`);
    };
    // Messages 3 to 6 all report the jam.
    for (let k = 0; k < 6; k++) await publishStored(model.nextMessage(start + k * 1_000));
    for (const [k, code] of [0, 101, 101, 204, 0, 101].entries())
      await publishStored(
        message(`fault-${k}`, start + 10_000 + k * 1_000, [{ metric: "fault_code", value: code }]),
      );
    await until(
      async () =>
        (await events(device.id, "fault")).length === 3 && (await events(device.id, "jam")).length === 1,
      "one jam and three fault events",
    );
    const jams = await events(device.id, "jam");
    expect(jams.map((e) => [e.at.getTime(), e.detail])).toEqual([[start + 2_000, "intake jammed"]]);
    const faults = await events(device.id, "fault");
    expect(faults.map((e) => e.detail).reverse()).toEqual([
      "fault code 101",
      "fault code 204",
      "fault code 101",
    ]);
  });
});
