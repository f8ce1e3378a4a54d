import path from "node:path";
import { type DeviceEdge, startDeviceEdge } from "@revolv/broker";
import type { DatabaseHandle } from "@revolv/db";
import { createQueueClient, type QueueClient } from "@revolv/queue";
import type { ClickHouseHandle } from "@revolv/telemetry";
import { telemetryTopic } from "@revolv/validators";
import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type IngestWorker, startIngestWorker } from "../src/worker";
import {
  openChdb,
  openPglite,
  type RegisteredDevice,
  registerDevice,
  storedCounts,
  tempDir,
  until,
} from "./harness";

/**
 * `pnpm dev` stopped while messages were queued and not yet stored: the embedded fauxqs keeps
 * its queues under DATA_DIR/sqs, so what the broker acknowledged is stored after the restart.
 */
describe("the embedded queue across a restart of the edge", () => {
  const temp = tempDir("queue-restart");
  const sqsDir = path.join(temp.dir, "sqs");
  let database: DatabaseHandle;
  let clickhouse: ClickHouseHandle;
  let device: RegisteredDevice;
  let edge: DeviceEdge | undefined;
  let queue: QueueClient | undefined;
  let worker: IngestWorker | undefined;

  const startEdge = () =>
    startDeviceEdge({
      db: database.db,
      config: {
        mqtt: { port: 0, host: "127.0.0.1" },
        sqs: { kind: "emulator", port: 0, region: "us-east-1", maxReceiveCount: 5, dataDir: sqsDir },
      },
    });
  async function stopEdge() {
    await edge?.stopBroker();
    await worker?.stop();
    await queue?.close();
    await edge?.stopQueue();
    edge = undefined;
    worker = undefined;
    queue = undefined;
  }

  beforeAll(async () => {
    database = await openPglite(temp.dir);
    clickhouse = await openChdb(temp.dir);
    device = await registerDevice(database.db, "rvm");
  });
  afterAll(async () => {
    await stopEdge();
    await clickhouse?.close();
    await database?.close();
    temp.cleanup();
  });

  it("stores after the restart what devices published while no worker consumed", async () => {
    edge = await startEdge();
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${edge.mqttPort}`, {
      clientId: device.id,
      username: device.id,
      password: device.credential,
      reconnectPeriod: 0,
    });
    const deviceTime = new Date(Date.now() - 60_000).toISOString();
    for (const messageId of ["restart-1", "restart-2"]) {
      // Resolves on the PUBACK: the edge has handed the message to the queue.
      await client.publishAsync(
        telemetryTopic(device.id),
        JSON.stringify({ v: 1, messageId, deviceTime, readings: [{ metric: "temperature_c", value: 20.5 }] }),
        { qos: 1 },
      );
    }
    await client.endAsync();
    // No worker ran: the queue holds both, with the device's connect and disconnect, and then
    // the whole edge stops.
    await stopEdge();

    edge = await startEdge();
    queue = createQueueClient({ endpoint: edge.sqs.endpoint, region: edge.sqs.region });
    expect(await queue.attributes(edge.sqs.queueUrl, ["ApproximateNumberOfMessages"])).toEqual({
      ApproximateNumberOfMessages: "4",
    });
    worker = startIngestWorker({
      queue,
      queueUrl: edge.sqs.queueUrl,
      deadLetterQueueUrl: edge.sqs.deadLetterQueueUrl as string,
      clickhouse: clickhouse.client,
      db: database.db,
      consumers: 1,
      waitTimeSeconds: 1,
      flushIntervalMs: 100,
      log: () => {},
    });
    const activeWorker = worker;
    await until(
      () => activeWorker.metrics.insertedMessages === 2 && activeWorker.metrics.insertedEvents === 2,
      "the worker stored both queued messages and the connect and disconnect",
    );
    expect(await storedCounts(clickhouse.client, [device.id])).toMatchObject({ messages: 2 });
  });
});
