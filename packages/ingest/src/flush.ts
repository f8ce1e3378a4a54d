import type { ClickHouseClient } from "@clickhouse/client";
import type { AlarmEvaluator, EvaluatedReading } from "@revolv/alarms";
import type { Database } from "@revolv/db/client";
import type { Logger, LogLine } from "@revolv/observability/logger";
import type { QueueClient } from "@revolv/queue";
import {
  type DeviceEventRow,
  findStoredReadings,
  insertReadings,
  messageKey,
  type ReadingRow,
  rewriteLatest,
  storeDeviceEvents,
  telemetryEvents,
  withoutStoredRows,
} from "@revolv/telemetry";
import type { BufferedMessage } from "./batch-buffer";
import { markDevicesSeen } from "./connectivity/last-seen";
import { errorText } from "./error-text";
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
  /** Alarm rules, evaluated over every stored batch before its messages are deleted. */
  alarms?: AlarmEvaluator | undefined;
  /** Called synchronously right before alarm evaluation starts, with the batch's readings (the alarm fault test kills the worker then). */
  onEvaluateStart?: ((readings: number) => void) | undefined;
}

const clickhouseTimeMs = (time: string) => Date.parse(`${time.replace(" ", "T")}Z`);

/**
 * The numeric readings of a batch as the alarm evaluator takes them (text metrics have no
 * threshold), of the metrics some enabled rule watches only (none while no rule watches any).
 */
function evaluatedReadings(rows: ReadingRow[], watched: ReadonlySet<string>): EvaluatedReading[] {
  const readings: EvaluatedReading[] = [];
  for (const row of rows) {
    if (row.value_text !== "" || !watched.has(row.metric)) continue;
    readings.push({
      deviceId: row.device_id,
      metric: row.metric,
      at: clickhouseTimeMs(row.at),
      value: row.value,
    });
  }
  return readings;
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
  let storedRows: ReadingRow[] = [];
  const started = performance.now();
  const unique = new Map<string, BufferedMessage>();
  for (const pending of batch) {
    if (unique.has(pending.key)) metrics.duplicates += 1;
    else unique.set(pending.key, pending);
  }
  let rowsInserted = 0;
  try {
    const batchRows: ReadingRow[] = [];
    const events: DeviceEventRow[] = [];
    for (const pending of unique.values()) {
      for (const row of pending.rows) batchRows.push(row);
      for (const event of pending.events) events.push(event);
    }
    // Events go in before the readings they are derived from: the jams and faults are found
    // by comparing with the readings stored before, which a redelivery then sees unchanged
    // (see telemetryEvents), and an event stored twice is recognised by its id.
    for (const event of await telemetryEvents(clickhouse, batchRows)) events.push(event);
    const storedEvents = await storeDeviceEvents(clickhouse, events);
    metrics.insertedEvents += storedEvents.inserted;
    storedRows = batchRows;
    // Per reading, not per message: a writer killed between the parts of one INSERT (one
    // per month partition) can have stored part of a message.
    const { fresh: rows, alreadyStored } = withoutStoredRows(
      batchRows,
      await findStoredReadings(clickhouse, batchRows),
    );
    // Counting messages by key is needed only when some rows were already stored.
    const readingMessages = [...unique.values()].filter((p) => p.rows.length > 0).length;
    const freshMessages =
      alreadyStored.length === 0
        ? readingMessages
        : new Set(rows.map((row) => messageKey(row.device_id, row.message_id))).size;
    metrics.duplicates += readingMessages - freshMessages;
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
    // The lag is publish → readings stored: a lifecycle event carries no readings.
    if (pending.rows.length > 0)
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

  // Evaluated over every reading of the batch, the ones a redelivery finds already stored too:
  // a worker killed after its insert but before its evaluation committed left them unjudged.
  // Evaluation skips what it applied before, and the batch is deleted only once it is judged, so
  // no transition is lost and none is doubled. A failure leaves the batch on the queue.
  if (context.alarms) {
    try {
      context.onEvaluateStart?.(storedRows.length);
      metrics.alarmTransitions += await context.alarms.evaluateReadings((watched) =>
        evaluatedReadings(storedRows, watched),
      );
    } catch (error) {
      metrics.alarmEvaluationFailures += 1;
      log(
        `alarm evaluation failed, ${batch.length} message(s) left on the queue to be judged again: ${errorText(error)}`,
      );
      return;
    }
  }

  const seenAt = new Map<string, number>();
  for (const pending of unique.values()) {
    // A disconnect is no sign of life; only telemetry keeps a device online.
    if (pending.rows.length === 0) continue;
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
