import { setTimeout as sleep } from "node:timers/promises";
import type { ClickHouseClient } from "@clickhouse/client";
import type { Database } from "@revolv/db";
import type { QueueClient, ReceivedMessage } from "@revolv/queue";
import {
  findStoredReadings,
  insertReadings,
  messageKey,
  type ReadingRow,
  readingsTableAnswers,
  refreshHourArchive,
  rewriteLatest,
  withoutStoredRows,
} from "@revolv/telemetry";
import { admit, parseBody } from "./decode";
import { DeviceDirectory } from "./device-directory";
import { markDevicesSeen } from "./last-seen";
import { createMetrics, type IngestMetrics } from "./metrics";
import { type DeadLetter, deleteMessages, moveToDeadLetterQueue } from "./queue";

export type { IngestMetrics } from "./metrics";

export interface IngestWorkerOptions {
  queue: QueueClient;
  queueUrl: string;
  deadLetterQueueUrl: string;
  clickhouse: ClickHouseClient;
  db: Database;
  /** Concurrent long-poll consumers (K). */
  consumers?: number;
  /** SQS long-poll wait, 0–20 s. */
  waitTimeSeconds?: number;
  /** Messages per ReceiveMessage, 1–10. */
  maxMessagesPerReceive?: number;
  /** Flush when this many rows are buffered… */
  flushRows?: number;
  /** …or when the oldest buffered message is this old. */
  flushIntervalMs?: number;
  /** Consumers stop receiving while this many rows wait (an insert is slow or failing). */
  maxBufferedRows?: number;
  deviceCacheTtlMs?: number;
  /**
   * After a failed insert, receiving stops until ClickHouse answers again, probed at
   * intervals doubling from 500 ms up to this.
   */
  failureBackoffMaxMs?: number;
  /**
   * How often the hours that received rows are copied to the hour archive (see
   * packages/telemetry, "Exactly once"). Queries read the archive only for hours the raw table
   * no longer holds, so this only has to run well within the raw retention.
   */
  hourArchiveRefreshMs?: number;
  log?: (line: string) => void;
  /**
   * Called synchronously right before each INSERT is sent. Test-only: the chaos test kills the
   * worker at that moment (`INGEST_ANNOUNCE_INSERTS` in main.ts prints a line from it).
   */
  onInsertStart?: (rows: number) => void;
}

export interface IngestWorker {
  metrics: IngestMetrics;
  /** Stops receiving, flushes what is buffered, deletes what was inserted, then resolves. */
  stop(): Promise<void>;
}

interface Pending {
  key: string;
  deviceId: string;
  messageId: string;
  receivedAt: number;
  receiptHandle: string;
  rows: ReadingRow[];
}

/**
 * The SQS → ClickHouse consumer. K consumers receive and validate; one flusher inserts the
 * buffer as a single INSERT and only then deletes its messages. Flushes run one at a time,
 * which is what makes the "already stored?" check before each insert sound within a
 * process (see packages/telemetry/README.md for the idempotency argument).
 */
export function startIngestWorker(options: IngestWorkerOptions): IngestWorker {
  const {
    queue,
    queueUrl,
    deadLetterQueueUrl,
    clickhouse,
    db,
    consumers = 8,
    waitTimeSeconds = 20,
    maxMessagesPerReceive = 10,
    flushRows = 20_000,
    flushIntervalMs = 1_000,
    deviceCacheTtlMs = 30_000,
    failureBackoffMaxMs = 30_000,
    hourArchiveRefreshMs = 300_000,
    log = (line: string) => console.log(`[ingest] ${line}`),
    onInsertStart,
  } = options;
  const maxBufferedRows = options.maxBufferedRows ?? flushRows * 4;
  const metrics = createMetrics();
  const directory = new DeviceDirectory(db, deviceCacheTtlMs);
  const receiving = new AbortController();
  let running = true;

  let buffer: Pending[] = [];
  let bufferRows = 0;
  let oldestAt = 0;
  let consecutiveFailures = 0;
  /** Set by a failed insert, cleared once ClickHouse answers; consumers do not receive meanwhile. */
  let clickhouseDown = false;
  let recovering = false;
  let wakeFlusher: (() => void) | undefined;
  let roomWaiters: (() => void)[] = [];
  const background = new Set<Promise<unknown>>();

  const track = (work: Promise<unknown>) => {
    background.add(work);
    void work.finally(() => background.delete(work));
  };
  const wake = () => {
    wakeFlusher?.();
    wakeFlusher = undefined;
  };
  const releaseRoomWaiters = () => {
    const waiters = roomWaiters;
    roomWaiters = [];
    for (const resolve of waiters) resolve();
  };

  async function admitReceived(messages: ReceivedMessage[]) {
    const parsed = messages.map((m) => parseBody(m.body));
    const ids = parsed.flatMap((p) => (p.ok ? [p.body.deviceId] : []));
    // One Postgres round trip at most per receive; a failure leaves the whole receive on
    // the queue (nothing deleted), to come back after the visibility timeout.
    const standings = await directory.lookup(ids);
    const dead: DeadLetter[] = [];
    for (const [i, message] of messages.entries()) {
      const p = parsed[i];
      if (!p) continue;
      if (!p.ok) {
        dead.push({ message, reason: p.reason, detail: p.detail });
        continue;
      }
      const admitted = admit(p.body, standings.get(p.body.deviceId));
      if (!admitted.ok) {
        dead.push({ message, reason: admitted.reason, detail: admitted.detail });
        continue;
      }
      if (buffer.length === 0) oldestAt = Date.now();
      buffer.push({
        key: messageKey(p.body.deviceId, p.body.messageId),
        deviceId: p.body.deviceId,
        messageId: p.body.messageId,
        receivedAt: p.body.receivedAt,
        receiptHandle: message.receiptHandle,
        rows: admitted.rows,
      });
      bufferRows += admitted.rows.length;
    }
    metrics.bufferedMessages = buffer.length;
    if (bufferRows >= flushRows) wake();
    // Refused messages never wait for the batch they came with.
    if (dead.length > 0) track(deadLetter(dead));
  }

  async function deadLetter(letters: DeadLetter[]) {
    const { moved, failed } = await moveToDeadLetterQueue(queue, queueUrl, deadLetterQueueUrl, letters);
    for (const letter of moved) metrics.deadLettered[letter.reason] += 1;
    metrics.deleted += moved.length;
    metrics.deadLetterFailures += failed;
    for (const letter of moved)
      log(`dead-lettered ${letter.message.messageId}: ${letter.reason} (${letter.detail})`);
  }

  /**
   * Probes ClickHouse until it answers, backing off. Consumers hold still meanwhile: messages
   * already received come back after the visibility timeout and wait on the queue, instead of
   * being received, failed and received again until SQS dead-letters them.
   */
  async function awaitClickHouse() {
    if (recovering) return;
    recovering = true;
    let delayMs = Math.min(failureBackoffMaxMs, 500 * 2 ** Math.max(0, consecutiveFailures - 1));
    while (running) {
      await sleep(delayMs, undefined, { signal: receiving.signal }).catch(() => {});
      if (!running) break;
      if (await readingsTableAnswers(clickhouse)) {
        clickhouseDown = false;
        log("clickhouse answers again, receiving resumes");
        break;
      }
      delayMs = Math.min(failureBackoffMaxMs, delayMs * 2);
    }
    recovering = false;
  }

  async function consume() {
    while (running) {
      if (clickhouseDown) {
        await sleep(250, undefined, { signal: receiving.signal }).catch(() => {});
        continue;
      }
      if (bufferRows >= maxBufferedRows) {
        await new Promise<void>((resolve) => roomWaiters.push(resolve));
        continue;
      }
      let messages: ReceivedMessage[];
      try {
        messages = await queue.receive(queueUrl, {
          maxMessages: maxMessagesPerReceive,
          waitTimeSeconds,
          signal: receiving.signal,
        });
      } catch (error) {
        // An aborted poll at shutdown may have taken messages; SQS makes them visible again.
        if (!running) break;
        metrics.receiveFailures += 1;
        log(`receive failed: ${errorText(error)}`);
        await sleep(1_000);
        continue;
      }
      if (messages.length === 0) {
        metrics.emptyReceives += 1;
        continue;
      }
      metrics.receives += 1;
      metrics.received += messages.length;
      try {
        await admitReceived(messages);
      } catch (error) {
        log(`device lookup failed, ${messages.length} message(s) left on the queue: ${errorText(error)}`);
        await sleep(1_000);
      }
    }
  }

  async function flush(batch: Pending[]) {
    const started = performance.now();
    const unique = new Map<string, Pending>();
    for (const pending of batch) {
      if (unique.has(pending.key)) metrics.duplicates += 1;
      else unique.set(pending.key, pending);
    }
    try {
      const batchRows: ReadingRow[] = [];
      for (const pending of unique.values()) for (const row of pending.rows) batchRows.push(row);
      // Per reading, not per message: a writer killed between the parts of one INSERT (one
      // per month partition) can have stored part of a message.
      const { fresh: rows, alreadyStored } = withoutStoredRows(
        batchRows,
        await findStoredReadings(clickhouse, batchRows),
      );
      const freshMessages = new Set(rows.map((row) => messageKey(row.device_id, row.message_id)));
      metrics.duplicates += unique.size - freshMessages.size;
      if (rows.length > 0) onInsertStart?.(rows.length);
      await insertReadings(clickhouse, rows);
      // Stored rows whose latest state a killed writer may not have written (see writer.ts).
      await rewriteLatest(clickhouse, alreadyStored);
      metrics.insertedRows += rows.length;
      metrics.insertedMessages += freshMessages.size;
      consecutiveFailures = 0;
    } catch (error) {
      // Nothing is deleted: every message in the batch comes back after the visibility
      // timeout. Receiving stops until ClickHouse answers, so an outage burns no receive counts.
      metrics.insertFailures += 1;
      consecutiveFailures += 1;
      clickhouseDown = true;
      track(awaitClickHouse());
      log(
        `insert failed, ${batch.length} message(s) left on the queue, receiving paused until ClickHouse answers: ${errorText(error)}`,
      );
      return;
    }
    const elapsed = performance.now() - started;
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
      markDevicesSeen(db, seenAt).catch((error) => {
        metrics.lastSeenFailures += 1;
        log(`last_seen update failed: ${errorText(error)}`);
      }),
    );
    track(
      deleteMessages(
        queue,
        queueUrl,
        batch.map((p) => p.receiptHandle),
      ).then((failed) => {
        metrics.deleted += batch.length - failed;
        metrics.deleteFailures += failed;
      }),
    );
  }

  async function flushLoop(consumersDone: () => boolean) {
    for (;;) {
      const age = Date.now() - oldestAt;
      const due = buffer.length > 0 && (bufferRows >= flushRows || age >= flushIntervalMs || !running);
      if (due) {
        const batch = buffer;
        buffer = [];
        bufferRows = 0;
        metrics.bufferedMessages = 0;
        releaseRoomWaiters();
        await flush(batch);
        continue;
      }
      if (!running && consumersDone()) break;
      const waitMs = buffer.length > 0 ? Math.max(1, flushIntervalMs - age) : flushIntervalMs;
      await new Promise<void>((resolve) => {
        wakeFlusher = resolve;
        setTimeout(resolve, waitMs).unref();
      });
    }
  }

  /** Idempotent (each hour is recomputed whole), so a refresh cut short by a crash is simply redone. */
  async function refreshHourArchiveLoop() {
    while (running) {
      await sleep(hourArchiveRefreshMs, undefined, { signal: receiving.signal }).catch(() => {});
      if (!running) break;
      try {
        const { hours } = await refreshHourArchive(clickhouse);
        if (hours > 0) log(`hour archive refreshed: ${hours} (device, metric, hour) group(s)`);
      } catch (error) {
        log(`hour archive refresh failed, retried at the next one: ${errorText(error)}`);
      }
    }
  }
  track(refreshHourArchiveLoop());

  let consumersFinished = false;
  const consuming = Promise.all(Array.from({ length: consumers }, () => consume())).finally(() => {
    consumersFinished = true;
    wake();
  });
  const flushing = flushLoop(() => consumersFinished);

  let stopping: Promise<void> | undefined;
  return {
    metrics,
    stop() {
      stopping ??= (async () => {
        running = false;
        receiving.abort();
        releaseRoomWaiters();
        await consuming;
        wake();
        await flushing;
        while (background.size > 0) await Promise.allSettled([...background]);
        const deadLettered = Object.values(metrics.deadLettered).reduce((sum, n) => sum + n, 0);
        log(
          `stopped: ${metrics.insertedMessages} message(s) inserted, ${metrics.duplicates} duplicate(s) skipped, ${deadLettered} dead-lettered, ${metrics.deleted} deleted, ${metrics.insertFailures} failed insert(s); ${(metrics.received / Math.max(1, metrics.receives)).toFixed(1)} message(s) per receive, ${metrics.flushes} flush(es)`,
        );
      })();
      return stopping;
    },
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
