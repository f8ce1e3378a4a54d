import type { ClickHouseClient } from "@clickhouse/client";
import type { Database } from "@revolv/db/client";
import type { Logger, LogLine } from "@revolv/observability/logger";
import type { QueueClient } from "@revolv/queue";
import {
  findStoredReadings,
  insertReadings,
  messageKey,
  type ReadingRow,
  rewriteLatest,
  withoutStoredRows,
} from "@revolv/telemetry";
import type { BufferedMessage } from "./batch-buffer";
import { errorText } from "./error-text";
import { markDevicesSeen } from "./last-seen";
import type { IngestInstruments, IngestMetrics } from "./metrics";
import type { ClickHouseOutageGate } from "./outage-gate";
import { deleteMessages } from "./queue";

export interface FlushContext {
  clickhouse: ClickHouseClient;
  db: Database;
  queue: QueueClient;
  queueUrl: string;
  metrics: IngestMetrics;
  instruments: IngestInstruments;
  gate: ClickHouseOutageGate;
  /** Work that outlives the flush (deletes, last seen, probing); the worker awaits it at stop. */
  track: (work: Promise<unknown>) => void;
  log: LogLine;
  onError?: ((error: unknown, component: "insert") => void) | undefined;
  /** Set only when debug lines are wanted: one per stored message. */
  traceStored?: Logger | undefined;
  /** Called synchronously right before the INSERT is sent (the chaos test kills the worker then). */
  onInsertStart?: ((rows: number) => void) | undefined;
}

/**
 * Stores one batch as a single INSERT and only then deletes its messages from SQS. Readings
 * already stored (a redelivery, a message repeated within the batch, part of a message a
 * killed writer got in) are skipped. A failed insert deletes nothing and closes the outage
 * gate; every message of the batch comes back after the visibility timeout. Flushes must run
 * one at a time, which is what makes the "already stored?" check sound within a process.
 */
export async function flushBatch(batch: BufferedMessage[], context: FlushContext): Promise<void> {
  const { clickhouse, metrics, gate, track, log } = context;
  const started = performance.now();
  const unique = new Map<string, BufferedMessage>();
  for (const pending of batch) {
    if (unique.has(pending.key)) metrics.duplicates += 1;
    else unique.set(pending.key, pending);
  }
  let rowsInserted = 0;
  try {
    const batchRows: ReadingRow[] = [];
    for (const pending of unique.values()) for (const row of pending.rows) batchRows.push(row);
    // Per reading, not per message: a writer killed between the parts of one INSERT (one
    // per month partition) can have stored part of a message.
    const { fresh: rows, alreadyStored } = withoutStoredRows(
      batchRows,
      await findStoredReadings(clickhouse, batchRows),
    );
    // Counting messages by key is needed only when some rows were already stored.
    const freshMessages =
      alreadyStored.length === 0
        ? unique.size
        : new Set(rows.map((row) => messageKey(row.device_id, row.message_id))).size;
    metrics.duplicates += unique.size - freshMessages;
    if (rows.length > 0) context.onInsertStart?.(rows.length);
    await insertReadings(clickhouse, rows);
    // Stored rows whose latest state a killed writer may not have written (see writer.ts).
    await rewriteLatest(clickhouse, alreadyStored);
    metrics.insertedRows += rows.length;
    rowsInserted = rows.length;
    metrics.insertedMessages += freshMessages;
    gate.insertSucceeded();
  } catch (error) {
    // Nothing is deleted: every message in the batch comes back after the visibility
    // timeout. Receiving stops until ClickHouse answers, so an outage burns no receive counts.
    metrics.insertFailures += 1;
    context.onError?.(error, "insert");
    track(gate.insertFailed());
    log(
      `insert failed, ${batch.length} message(s) left on the queue, receiving paused until ClickHouse answers: ${errorText(error)}`,
    );
    return;
  }
  const elapsed = performance.now() - started;
  const { instruments } = context;
  instruments.insertDuration.observe(elapsed / 1_000);
  instruments.batchRows.observe(rowsInserted);
  const storedAt = Date.now();
  for (const pending of unique.values()) {
    instruments.publishToStoredLag.observe((storedAt - pending.receivedAt) / 1_000);
    context.traceStored?.debug(
      {
        deviceId: pending.deviceId,
        messageId: pending.messageId,
        sqsMessageId: pending.sqsMessageId,
        lagMs: storedAt - pending.receivedAt,
      },
      "stored",
    );
  }
  const latency = metrics.flushLatencyMs;
  latency.count += 1;
  latency.sum += elapsed;
  latency.last = elapsed;
  latency.max = Math.max(latency.max, elapsed);
  metrics.flushes += 1;

  const seenAt = new Map<string, number>();
  for (const pending of unique.values()) {
    if ((seenAt.get(pending.deviceId) ?? 0) < pending.receivedAt)
      seenAt.set(pending.deviceId, pending.receivedAt);
  }
  track(
    markDevicesSeen(context.db, seenAt).catch((error) => {
      metrics.lastSeenFailures += 1;
      log(`last_seen update failed: ${errorText(error)}`);
    }),
  );
  track(
    deleteMessages(
      context.queue,
      context.queueUrl,
      batch.map((p) => p.receiptHandle),
    ).then((failed) => {
      metrics.deleted += batch.length - failed;
      metrics.deleteFailures += failed;
    }),
  );
}
