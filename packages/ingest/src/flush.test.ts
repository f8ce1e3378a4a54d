import type { SQSClient } from "@aws-sdk/client-sqs";
import type { DatabaseHandle } from "@revolv/db";
import { Registry } from "@revolv/observability/metrics";
import type { QueueClient } from "@revolv/queue";
import { type SqsEmulator, startSqsEmulator } from "@revolv/queue/emulator";
import { type ClickHouseHandle, messageKey, readingsTableAnswers } from "@revolv/telemetry";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  message,
  openChdb,
  openPglite,
  queueClientFor,
  queueDepth,
  type RegisteredDevice,
  registerDevice,
  ruleBody,
  sendBodies,
  sqsClientFor,
  storedCounts,
  tempDir,
} from "../test/harness";
import type { BufferedMessage } from "./batch-buffer";
import { admit, parseBody } from "./decode";
import { flushBatch } from "./flush";
import { createMetrics, ingestInstruments } from "./metrics";
import { ClickHouseOutageGate } from "./outage-gate";

/** The flush step alone, on real engines: chDB, PGlite and fauxqs. */
describe("the flush step", () => {
  const temp = tempDir("flush");
  let database: DatabaseHandle;
  let clickhouse: ClickHouseHandle;
  let emulator: SqsEmulator;
  let sqs: SQSClient;
  let queue: QueueClient;
  let device: RegisteredDevice;
  const stopping = new AbortController();

  beforeAll(async () => {
    database = await openPglite(temp.dir);
    clickhouse = await openChdb(temp.dir);
    emulator = await startSqsEmulator({ port: 0, visibilityTimeoutSeconds: 300 });
    sqs = sqsClientFor(emulator);
    queue = queueClientFor(emulator);
    device = await registerDevice(database.db, "rvm");
  });
  afterAll(async () => {
    stopping.abort();
    sqs?.destroy();
    await queue?.close();
    await emulator?.stop();
    await clickhouse?.close();
    await database?.close();
    temp.cleanup();
  });

  /** Sends messages and receives them back as the worker's buffer would hold them. */
  async function receivedBatch(ids: string[]): Promise<BufferedMessage[]> {
    const at = Date.now() - 60_000;
    await sendBodies(
      sqs,
      emulator.queueUrl,
      ids.map((id, i) => ruleBody(device.id, message(id, at + i, [{ metric: "temperature_c", value: i }]))),
    );
    const batch: BufferedMessage[] = [];
    while (batch.length < ids.length) {
      for (const received of await queue.receive(emulator.queueUrl, {
        maxMessages: 10,
        waitTimeSeconds: 1,
      })) {
        const parsed = parseBody(received.body);
        if (!parsed.ok) throw new Error(parsed.detail);
        if (parsed.kind !== "telemetry") throw new Error("not telemetry");
        const admitted = admit(parsed.body, { kind: "active", type: "rvm" });
        if (!admitted.ok) throw new Error(admitted.detail);
        batch.push({
          key: messageKey(device.id, parsed.body.messageId),
          deviceId: device.id,
          messageId: parsed.body.messageId,
          sqsMessageId: received.messageId,
          receivedAt: parsed.body.receivedAt,
          receiptHandle: received.receiptHandle,
          rows: admitted.rows,
          events: admitted.events,
        });
      }
    }
    return batch;
  }

  /**
   * A flush context on the real queue client, noting what ClickHouse held each time a delete
   * went out; `settled()` waits for the work the flush left running (deletes, last seen).
   */
  function flushContext() {
    const rowsStoredAtDelete: number[] = [];
    const background: Promise<unknown>[] = [];
    const metrics = createMetrics();
    const gate = new ClickHouseOutageGate({
      probe: () => readingsTableAnswers(clickhouse.client),
      backoffMaxMs: 500,
      signal: stopping.signal,
      log: () => {},
    });
    const context = {
      clickhouse: clickhouse.client,
      db: database.db,
      queue: {
        ...queue,
        deleteBatch: async (queueUrl: string, receiptHandles: string[]) => {
          rowsStoredAtDelete.push((await storedCounts(clickhouse.client, [device.id])).rows);
          return queue.deleteBatch(queueUrl, receiptHandles);
        },
      },
      queueUrl: emulator.queueUrl,
      metrics,
      instruments: ingestInstruments(new Registry()),
      gate,
      track: (work: Promise<unknown>) => background.push(work),
      log: () => {},
    };
    const settled = async () => {
      while (background.length > 0) await Promise.allSettled(background.splice(0));
    };
    return { context, metrics, gate, rowsStoredAtDelete, settled };
  }

  it("inserts the batch, then deletes its messages: every row is stored before the first delete", async () => {
    const before = (await storedCounts(clickhouse.client, [device.id])).rows;
    const batch = await receivedBatch(["a-1", "a-2", "a-3"]);
    const { context, metrics, gate, rowsStoredAtDelete, settled } = flushContext();

    await flushBatch([...batch, batch[0] as BufferedMessage], context);
    await settled();

    expect(rowsStoredAtDelete.length).toBeGreaterThan(0);
    expect(Math.min(...rowsStoredAtDelete)).toBe(before + 3);
    expect((await queueDepth(sqs, emulator.queueUrl)).total).toBe(0);
    expect(metrics).toMatchObject({ insertedMessages: 3, insertedRows: 3, duplicates: 1, flushes: 1 });
    expect(metrics.deleted).toBe(4);
    expect(gate.open).toBe(true);
  });

  it("deletes nothing when the insert fails and closes the gate; once ClickHouse answers, the same batch is stored once", async () => {
    const before = (await storedCounts(clickhouse.client, [device.id])).rows;
    const batch = await receivedBatch(["b-1", "b-2"]);
    const { context, metrics, gate, rowsStoredAtDelete, settled } = flushContext();

    // A real ClickHouse failure: the table the flush inserts into is detached.
    await clickhouse.client.command({ query: "DETACH TABLE telemetry_readings" });
    try {
      await flushBatch(batch, context);
      expect(metrics.insertFailures).toBe(1);
      expect(gate.open).toBe(false);
      expect(rowsStoredAtDelete).toEqual([]);
      expect(metrics.deleted).toBe(0);
      expect((await queueDepth(sqs, emulator.queueUrl)).inFlight).toBe(2);
    } finally {
      await clickhouse.client.command({ query: "ATTACH TABLE telemetry_readings" });
    }
    // The gate's probe finds the table again and opens it.
    await settled();
    expect(gate.open).toBe(true);

    await flushBatch(batch, context);
    await settled();
    expect(rowsStoredAtDelete).toEqual([before + 2]);
    expect((await queueDepth(sqs, emulator.queueUrl)).total).toBe(0);
    expect(metrics).toMatchObject({ insertedMessages: 2, insertFailures: 1, deleted: 2 });
  });
});
