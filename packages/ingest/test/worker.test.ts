import { randomUUID } from "node:crypto";
import type { SQSClient } from "@aws-sdk/client-sqs";
import { type DatabaseHandle, deviceEventOutbox, devices, queryRows } from "@revolv/db";
import type { QueueClient } from "@revolv/queue";
import { type SqsEmulator, startSqsEmulator } from "@revolv/queue/emulator";
import type { ClickHouseHandle } from "@revolv/telemetry";
import { inArray, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { deadLetterReasons } from "../src/decode";
import { type IngestWorker, type IngestWorkerOptions, startIngestWorker } from "../src/worker";
import {
  message,
  openChdb,
  openPglite,
  queueClientFor,
  queueDepth,
  receiveAll,
  registerDevice,
  ruleBody,
  sendBodies,
  sqsClientFor,
  storedCounts,
  tempDir,
  until,
} from "./harness";

const now = Date.now();

describe("the ingest worker, in process, on fauxqs, chDB and PGlite", () => {
  const temp = tempDir("worker");
  let database: DatabaseHandle;
  let clickhouse: ClickHouseHandle;
  // Each test gets its own queues and worker; the engines are shared (one chDB per process).
  let emulator: SqsEmulator | undefined;
  let sqs: SQSClient | undefined;
  let queue: QueueClient | undefined;
  let worker: IngestWorker | undefined;
  const logs: string[] = [];

  beforeAll(async () => {
    database = await openPglite(temp.dir);
    clickhouse = await openChdb(temp.dir);
  });
  afterEach(async () => {
    await worker?.stop();
    sqs?.destroy();
    await queue?.close();
    queue = undefined;
    await emulator?.stop();
    worker = undefined;
    sqs = undefined;
    emulator = undefined;
  });
  afterAll(async () => {
    // chDB aborts when closed mid-query; every worker is stopped by now.
    await clickhouse.close();
    await database.close();
    temp.cleanup();
  });

  async function startQueue(options: { visibilityTimeoutSeconds?: number; maxReceiveCount?: number } = {}) {
    emulator = await startSqsEmulator({ port: 0, ...options });
    sqs = sqsClientFor(emulator);
    queue = queueClientFor(emulator);
    return { emulator, sqs };
  }

  function start(options: Partial<IngestWorkerOptions> = {}) {
    if (!emulator || !queue) throw new Error("start the queue first");
    worker = startIngestWorker({
      queue,
      queueUrl: emulator.queueUrl,
      deadLetterQueueUrl: emulator.deadLetterQueueUrl,
      clickhouse: clickhouse.client,
      db: database.db,
      consumers: 2,
      waitTimeSeconds: 1,
      flushIntervalMs: 100,
      log: (line) => logs.push(line),
      ...options,
    });
    return worker;
  }

  it("dead-letters bad JSON, schema failures, unknown and decommissioned devices and foreign metrics with their reason, and ingests the valid messages they came with", async () => {
    const { emulator, sqs } = await startQueue();
    const rvm = await registerDevice(database.db, "rvm");
    const soundbox = await registerDevice(database.db, "soundbox");
    const retired = await registerDevice(database.db, "rvm", {
      status: "decommissioned",
      decommissionedAt: new Date(),
    });
    const poison = {
      bad_json: '{"v":1,"messageId":',
      schema: ruleBody(rvm.id, { ...message("bad-time", now, []), deviceTime: "yesterday" }),
      unknown_device: ruleBody(randomUUID(), message("stranger", now, [{ metric: "jam", value: 0 }])),
      decommissioned_device: ruleBody(retired.id, message("ghost", now, [{ metric: "jam", value: 0 }])),
      metric_not_for_device_type: ruleBody(
        rvm.id,
        message("foreign", now, [{ metric: "battery_pct", value: 50 }]),
      ),
    };
    const valid = [
      ruleBody(rvm.id, message("ok-1", now, [{ metric: "temperature_c", value: 20 }])),
      ruleBody(rvm.id, message("ok-2", now + 1, [{ metric: "temperature_c", value: 21 }])),
      ruleBody(rvm.id, message("ok-3", now + 2, [{ metric: "jam", value: 1 }])),
      ruleBody(soundbox.id, message("ok-4", now, [{ metric: "battery_pct", value: 80 }])),
      ruleBody(soundbox.id, message("ok-5", now, [{ metric: "firmware_version", value: "2.4.1" }])),
    ];
    // Interleaved in one SendMessageBatch, and one consumer: they arrive in the same receive.
    await sendBodies(sqs, emulator.queueUrl, [
      poison.bad_json,
      valid[0],
      poison.schema,
      valid[1],
      poison.unknown_device,
      valid[2],
      poison.decommissioned_device,
      valid[3],
      poison.metric_not_for_device_type,
      valid[4],
    ] as string[]);
    const running = start({ consumers: 1 });

    await until(
      async () => (await queueDepth(sqs, emulator.queueUrl)).total === 0,
      "the telemetry queue is empty",
    );
    expect(running.metrics.received).toBe(10);
    expect(running.metrics.insertedMessages).toBe(5);
    expect(running.metrics.deadLettered).toEqual(Object.fromEntries(deadLetterReasons.map((r) => [r, 1])));
    expect(await storedCounts(clickhouse.client, [rvm.id, soundbox.id])).toMatchObject({
      messages: 5,
      rows: 5,
    });

    const letters = await receiveAll(sqs, emulator.deadLetterQueueUrl, 5);
    expect(letters).toHaveLength(5);
    const byReason = new Map(letters.map((l) => [l.MessageAttributes?.reason?.StringValue, l]));
    for (const [reason, body] of Object.entries(poison)) {
      const letter = byReason.get(reason);
      // The body is kept exactly as it arrived, so it can be replayed once fixed.
      expect(letter?.Body, reason).toBe(body);
      expect(letter?.MessageAttributes?.detail?.StringValue, reason).toMatch(/\S/);
      expect(letter?.MessageAttributes?.sourceMessageId?.StringValue, reason).toMatch(/\S/);
    }
    expect(byReason.get("metric_not_for_device_type")?.MessageAttributes?.detail?.StringValue).toBe(
      "battery_pct is not a rvm metric",
    );
  });

  it("stores a message delivered twice once, in the raw table and in every rollup", async () => {
    const { emulator, sqs } = await startQueue();
    const rvm = await registerDevice(database.db, "rvm");
    const twice = message("twice", now, [
      { metric: "temperature_c", value: 20 },
      { metric: "bin_fill_pet_pct", value: 40 },
      { metric: "items_accepted", value: 3 },
    ]);
    // A redelivery within one batch…
    await sendBodies(sqs, emulator.queueUrl, [ruleBody(rvm.id, twice, now), ruleBody(rvm.id, twice, now)]);
    const running = start();
    await until(() => running.metrics.deleted === 2, "the first two deliveries are deleted");
    // …and one after the first was stored (the device resent it: same messageId, later receipt).
    await sendBodies(sqs, emulator.queueUrl, [ruleBody(rvm.id, twice, now + 5_000)]);
    await until(() => running.metrics.deleted === 3, "the third delivery is deleted");

    expect(running.metrics.insertedMessages).toBe(1);
    expect(running.metrics.duplicates).toBe(2);
    expect(await storedCounts(clickhouse.client, [rvm.id])).toEqual({
      rows: 3,
      distinctRows: 3,
      messages: 1,
      minuteCount: 3,
      hourCount: 3,
    });
  });

  it("updates last_seen_at and status with one statement per flushed batch, not one per message", async () => {
    const { emulator, sqs } = await startQueue();
    // A statement-level trigger counts UPDATE statements on devices, whatever issues them.
    await database.db.execute(sql`CREATE TABLE IF NOT EXISTS device_update_statements (at timestamptz)`);
    await database.db.execute(sql`
      CREATE OR REPLACE FUNCTION count_device_update() RETURNS trigger AS $$
      BEGIN INSERT INTO device_update_statements VALUES (now()); RETURN NULL; END $$ LANGUAGE plpgsql`);
    await database.db.execute(sql`
      CREATE OR REPLACE TRIGGER device_update_statements AFTER UPDATE ON devices
      FOR EACH STATEMENT EXECUTE FUNCTION count_device_update()`);
    const statements = async () =>
      Number(
        (
          await queryRows<{ n: number }>(
            database.db,
            sql`SELECT count(*)::int AS n FROM device_update_statements`,
          )
        )[0]?.n,
      );

    const fresh = await registerDevice(database.db, "rvm");
    const offline = await registerDevice(database.db, "soundbox", { status: "offline" });
    const serviced = await registerDevice(database.db, "rvm", { status: "maintenance" });
    const receivedAt = new Map<string, number[]>();
    const bodies: string[] = [];
    for (let i = 0; i < 30; i++) {
      const device = [fresh, offline, serviced][i % 3] as typeof fresh;
      // Receipt times out of order: the newest must win, wherever it sits in the batch.
      const at = now - 60_000 + ((i * 7) % 30) * 1_000;
      receivedAt.set(device.id, [...(receivedAt.get(device.id) ?? []), at]);
      const metric = device.type === "rvm" ? "temperature_c" : "battery_pct";
      bodies.push(ruleBody(device.id, message(`seen-${i}`, at, [{ metric, value: 20 }]), at));
    }
    await sendBodies(sqs, emulator.queueUrl, bodies);
    const before = await statements();
    // The inactivity sweep is an UPDATE statement of its own (connectivity tests cover it).
    const running = start({ flushIntervalMs: 1_000, connectivitySweepMs: 0 });
    await until(() => running.metrics.deleted === 30, "every message is stored and deleted");
    await running.stop();

    expect(running.metrics.flushes).toBeLessThan(30);
    expect((await statements()) - before).toBe(running.metrics.flushes);
    const rows = await database.db
      .select({ id: devices.id, status: devices.status, lastSeenAt: devices.lastSeenAt })
      .from(devices)
      .where(inArray(devices.id, [fresh.id, offline.id, serviced.id]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(fresh.id)?.status).toBe("online");
    expect(byId.get(offline.id)?.status).toBe("online");
    expect(byId.get(serviced.id)?.status).toBe("maintenance");
    // The device that was offline, and only it, came back: in the same statement, once.
    const outbox = await database.db
      .select({ deviceId: deviceEventOutbox.deviceId, type: deviceEventOutbox.type })
      .from(deviceEventOutbox)
      .where(inArray(deviceEventOutbox.deviceId, [fresh.id, offline.id, serviced.id]));
    expect(outbox).toEqual([{ deviceId: offline.id, type: "came_back" }]);
    for (const device of [fresh, offline, serviced]) {
      expect(byId.get(device.id)?.lastSeenAt).toEqual(
        new Date(Math.max(...(receivedAt.get(device.id) ?? []))),
      );
    }
  });

  it("on stop, flushes what it holds, deletes it from the queue, then resolves", async () => {
    const { emulator, sqs } = await startQueue();
    const rvm = await registerDevice(database.db, "rvm");
    const bodies = Array.from({ length: 25 }, (_, i) =>
      ruleBody(rvm.id, message(`held-${i}`, now + i, [{ metric: "temperature_c", value: i }])),
    );
    await sendBodies(sqs, emulator.queueUrl, bodies);
    // Neither size nor age would flush on its own during this test.
    const running = start({ flushIntervalMs: 10 * 60_000, flushRows: 1_000_000 });
    await until(() => running.metrics.bufferedMessages === 25, "all 25 are received and buffered");
    expect((await storedCounts(clickhouse.client, [rvm.id])).messages).toBe(0);

    await running.stop();
    expect(await storedCounts(clickhouse.client, [rvm.id])).toMatchObject({ messages: 25, rows: 25 });
    expect(running.metrics.deleted).toBe(25);
    expect((await queueDepth(sqs, emulator.queueUrl)).total).toBe(0);
  });

  it("while ClickHouse cannot take the insert, deletes nothing and stops receiving; once it is back, stores everything once", async () => {
    // Short visibility, few receives allowed: a worker that kept receiving through the outage
    // would have SQS dead-letter these messages long before ClickHouse came back. Not shorter:
    // a batch must be received, flushed and deleted within one visibility timeout even on a
    // loaded machine, or it is received again and again and dead-lettered with no outage at all.
    const { emulator, sqs } = await startQueue({ visibilityTimeoutSeconds: 2, maxReceiveCount: 5 });
    const rvm = await registerDevice(database.db, "rvm");
    const bodies = Array.from({ length: 20 }, (_, i) =>
      ruleBody(rvm.id, message(`outage-${i}`, now + i, [{ metric: "temperature_c", value: i }])),
    );
    // The real client, watched: which receives the worker started and which were answered.
    const polls = { started: 0, answered: 0 };
    const client = queue as QueueClient;
    queue = {
      ...client,
      async receive(...args) {
        polls.started += 1;
        try {
          return await client.receive(...args);
        } finally {
          polls.answered += 1;
        }
      },
    };

    // A real ClickHouse failure, from outside the worker: the table it inserts into is detached,
    // so every INSERT fails in the engine (as it would with the server unreachable: the worker
    // treats every insert error alike). The test attaches it again to end the outage.
    await clickhouse.client.command({ query: "DETACH TABLE telemetry_readings" });
    const running = start();
    try {
      await sendBodies(sqs, emulator.queueUrl, bodies);
      await until(() => running.metrics.insertFailures >= 1, "an insert fails");
      // Long polls already waiting when the insert failed may still hand out messages (each
      // waits at most waitTimeSeconds); once they are answered the worker must not receive at
      // all, through several visibility timeouts, however often the messages become visible.
      await until(() => polls.answered === polls.started, "the polls in flight at the failure are answered");
      const pollsDuringOutage = polls.started;
      const receivedDuringOutage = running.metrics.received;
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      expect(polls.started).toBe(pollsDuringOutage);
      expect(running.metrics.received).toBe(receivedDuringOutage);
      expect(running.metrics.deleted).toBe(0);
      expect((await queueDepth(sqs, emulator.queueUrl)).total).toBe(20);
    } finally {
      await clickhouse.client.command({ query: "ATTACH TABLE telemetry_readings" });
    }

    await until(async () => (await queueDepth(sqs, emulator.queueUrl)).total === 0, "the queue is drained");
    expect(await storedCounts(clickhouse.client, [rvm.id])).toEqual({
      rows: 20,
      distinctRows: 20,
      messages: 20,
      minuteCount: 20,
      hourCount: 20,
    });
    expect((await queueDepth(sqs, emulator.deadLetterQueueUrl)).total).toBe(0);
    expect(logs.some((line) => line.includes("clickhouse answers again"))).toBe(true);
  });
});
