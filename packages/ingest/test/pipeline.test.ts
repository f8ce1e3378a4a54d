import { randomUUID } from "node:crypto";
import { createCaller, createTRPCContext } from "@revolv/api";
import { type DeviceEdge, startDeviceEdge } from "@revolv/broker";
import { type DatabaseHandle, devices } from "@revolv/db";
import { createDeviceModel } from "@revolv/device-model";
import { createQueueClient, type QueueClient } from "@revolv/queue";
import type { ClickHouseHandle } from "@revolv/telemetry";
import { type LiveBatch, metricCatalog, type TelemetryMessage, telemetryTopic } from "@revolv/validators";
import { inArray } from "drizzle-orm";
import mqtt, { type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type IngestWorker, startIngestWorker } from "../src/worker";
import { openChdb, openPglite, type RegisteredDevice, registerDevice, tempDir, until } from "./harness";

const minuteMs = 60_000;
const messagesPerDevice = 40;

interface Published {
  deviceId: string;
  message: TelemetryMessage;
}

/** The buckets a series over these readings must hold, computed from what was published. */
function expectedBuckets(
  published: Published[],
  deviceId: string,
  metric: string,
  series: { resolution: "raw" | "minute" | "hour"; stepSeconds: number; from: Date; to: Date },
) {
  const base = { raw: 1, minute: 60, hour: 3_600 }[series.resolution] * 1000;
  const step = series.stepSeconds * 1000;
  const buckets = new Map<number, { at: number; value: number }[]>();
  for (const { deviceId: id, message } of published) {
    if (id !== deviceId) continue;
    for (const reading of message.readings) {
      if (reading.metric !== metric || typeof reading.value !== "number") continue;
      const at = Date.parse(reading.at ?? message.deviceTime);
      const sourceTime = Math.floor(at / base) * base;
      if (sourceTime < series.from.getTime() || sourceTime >= series.to.getTime()) continue;
      const t = Math.floor(sourceTime / step) * step;
      buckets.set(t, [...(buckets.get(t) ?? []), { at, value: reading.value }]);
    }
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([t, points]) => ({
      t: new Date(t),
      count: points.length,
      min: Math.min(...points.map((p) => p.value)),
      max: Math.max(...points.map((p) => p.value)),
      last: points.reduce((a, b) => (b.at > a.at ? b : a)).value,
    }));
}

/**
 * The whole pipeline over real sockets, as `pnpm dev` runs it: simulated devices publish over
 * MQTT to aedes, the bridge puts each publish on fauxqs as the IoT rule would, the worker
 * stores it in chDB, and the API's own procedures read it back.
 */
describe("devices → aedes → bridge → fauxqs → worker → chDB → telemetry API", () => {
  const temp = tempDir("pipeline");
  let database: DatabaseHandle;
  let clickhouse: ClickHouseHandle;
  let edge: DeviceEdge;
  let queue: QueueClient;
  let worker: IngestWorker;
  const fleet: RegisteredDevice[] = [];
  const clients: MqttClient[] = [];
  const published: Published[] = [];
  const start = Math.floor((Date.now() - 3 * 60 * minuteMs) / minuteMs) * minuteMs;

  /** The API as a viewer calls it; `signal` ends subscriptions, as a closed connection would. */
  const caller = (signal?: AbortSignal) =>
    createCaller(
      createTRPCContext({
        services: { db: database.db, clickhouse: clickhouse.client },
        headers: new Headers(),
        principal: { userId: randomUUID(), sessionId: randomUUID(), role: "viewer" },
      }),
      signal ? { signal } : {},
    );

  async function publish(index: number, message: TelemetryMessage) {
    const device = fleet[index] as RegisteredDevice;
    const client = clients[index] as MqttClient;
    // QoS 1: resolves on the PUBACK, which the broker sends only once SQS has the message.
    await client.publishAsync(telemetryTopic(device.id), JSON.stringify(message), { qos: 1 });
    published.push({ deviceId: device.id, message });
  }

  beforeAll(async () => {
    database = await openPglite(temp.dir);
    clickhouse = await openChdb(temp.dir);
    for (const type of ["rvm", "rvm", "rvm", "soundbox", "soundbox"] as const) {
      fleet.push(await registerDevice(database.db, type));
    }
    edge = await startDeviceEdge({
      db: database.db,
      config: {
        mqtt: { port: 0, host: "127.0.0.1" },
        sqs: { kind: "emulator", port: 0, region: "us-east-1", maxReceiveCount: 5 },
      },
    });
    queue = createQueueClient({ endpoint: edge.sqs.endpoint, region: edge.sqs.region });
    worker = startIngestWorker({
      queue,
      queueUrl: edge.sqs.queueUrl,
      deadLetterQueueUrl: edge.sqs.deadLetterQueueUrl as string,
      clickhouse: clickhouse.client,
      db: database.db,
      consumers: 2,
      waitTimeSeconds: 1,
      flushIntervalMs: 200,
      log: () => {},
    });
    for (const device of fleet) {
      clients.push(
        await mqtt.connectAsync(`mqtt://127.0.0.1:${edge.mqttPort}`, {
          clientId: device.id,
          username: device.id,
          password: device.credential,
          reconnectPeriod: 0,
        }),
      );
    }
  });
  afterAll(async () => {
    await Promise.allSettled(clients.map((client) => client.endAsync()));
    // The embedded stack's order: broker (and bridge flush), worker, queue, engines.
    await edge?.stopBroker();
    await worker?.stop();
    await queue?.close();
    await edge?.stopQueue();
    await clickhouse?.close();
    await database?.close();
    temp.cleanup();
  });

  it("telemetry.series returns exactly what the devices published, and telemetry.latest their newest values", async () => {
    const runId = `pipeline-${randomUUID().slice(0, 8)}`;
    const models = fleet.map((device) => createDeviceModel(device.id, device.type, runId));
    // Devices publish side by side, each its own history a minute apart.
    await Promise.all(
      models.map(async (model, index) => {
        for (let k = 0; k < messagesPerDevice; k++)
          await publish(index, model.nextMessage(start + k * minuteMs));
      }),
    );
    const total = fleet.length * messagesPerDevice;
    await until(() => worker.metrics.insertedMessages === total, `the worker stored all ${total} messages`);
    expect(worker.metrics.deadLettered).toEqual(expect.objectContaining({ schema: 0, bad_json: 0 }));

    const api = caller();
    const windows = [
      // Under 6 h: raw readings.
      { from: new Date(start), to: new Date(start + messagesPerDevice * minuteMs), resolution: "raw" },
      // Over 6 h: the minute rollup, built by the materialized view at insert time.
      {
        from: new Date(start - 5 * 60 * minuteMs),
        to: new Date(start + 2 * 60 * minuteMs),
        resolution: "minute",
      },
    ] as const;
    let compared = 0;
    for (const device of fleet) {
      const metrics = new Set(
        published
          .filter((p) => p.deviceId === device.id)
          .flatMap((p) => p.message.readings.map((r) => r.metric))
          .filter((metric) => metricCatalog[metric].kind !== "text"),
      );
      for (const metric of metrics) {
        for (const window of windows) {
          const series = await api.telemetry.series({
            deviceId: device.id,
            metric: metric as never,
            from: window.from,
            to: window.to,
            maxPoints: 500,
          });
          expect(series.resolution).toBe(window.resolution);
          const expected = expectedBuckets(published, device.id, metric, series);
          expect(expected.length).toBeGreaterThan(0);
          expect(
            series.buckets.map(({ t, count, min, max, last }) => ({ t, count, min, max, last })),
            `${device.type} ${metric} ${window.resolution}`,
          ).toEqual(expected);
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(20);

    for (const device of fleet) {
      const newest = new Map<string, { value: number | string; at: Date }>();
      for (const { deviceId, message } of published) {
        if (deviceId !== device.id) continue;
        for (const reading of message.readings) {
          const at = new Date(reading.at ?? message.deviceTime);
          const known = newest.get(reading.metric);
          if (!known || known.at < at) newest.set(reading.metric, { value: reading.value, at });
        }
      }
      const latest = await api.telemetry.latest({ deviceId: device.id });
      expect(latest.readings.map(({ metric, value, at }) => ({ metric, value, at }))).toEqual(
        [...newest.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([metric, v]) => ({ metric, ...v })),
      );
    }

    // The worker marked every device seen, in Postgres.
    const rows = await database.db
      .select({ status: devices.status, lastSeenAt: devices.lastSeenAt })
      .from(devices)
      .where(
        inArray(
          devices.id,
          fleet.map((d) => d.id),
        ),
      );
    expect(rows.every((row) => row.status === "online" && row.lastSeenAt !== null)).toBe(true);
  });

  it("stores a text reading with characters outside the BMP (an emoji) exactly as published", async () => {
    const soundbox = 4;
    const stored = worker.metrics.insertedMessages;
    await publish(soundbox, {
      v: 1,
      messageId: "emoji-1",
      deviceTime: new Date().toISOString(),
      readings: [{ metric: "firmware_version", value: "2.4.0-🍾𝄞" }],
    });
    await until(() => worker.metrics.insertedMessages > stored, "the worker stored the emoji message");
    const latest = await caller().telemetry.latest({ deviceId: (fleet[soundbox] as RegisteredDevice).id });
    expect(latest.readings.find((r) => r.metric === "firmware_version")?.value).toBe("2.4.0-🍾𝄞");
  });

  it("telemetry.live pushes a published reading to a subscriber of that device", async () => {
    const device = fleet[3] as RegisteredDevice;
    const abort = new AbortController();
    const live = (await caller(abort.signal).telemetry.live({ deviceId: device.id }))[Symbol.asyncIterator]();
    // The subscription takes its starting point when first pulled; publish until one arrives.
    let next = live.next();
    try {
      const seen = new Set<string>();
      for (let i = 0; seen.size === 0 && i < 60; i++) {
        await publish(3, {
          v: 1,
          messageId: `live-${i}`,
          deviceTime: new Date().toISOString(),
          readings: [{ metric: "battery_pct", value: 42 }],
        });
        const result = await Promise.race([
          next,
          new Promise<"later">((resolve) => setTimeout(() => resolve("later"), 1_000)),
        ]);
        if (result === "later") continue;
        if (result.done) break;
        // Through a caller, events keep their tracked() envelope, [cursor, batch, marker], which
        // the caller's type describes as { id, data }.
        const [cursor, batch] = result.value as unknown as [string, LiveBatch];
        expect(cursor).toBe(batch.cursor);
        for (const reading of batch.readings) seen.add(reading.messageId);
        next = live.next();
      }
      expect([...seen].every((id) => id.startsWith("live-"))).toBe(true);
      expect(seen.size).toBeGreaterThan(0);
    } finally {
      // Like a client going away: the pending pull ends with the abort.
      abort.abort();
      await next.catch(() => undefined);
    }
  });
});
