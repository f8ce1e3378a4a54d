import { setTimeout as sleep } from "node:timers/promises";
import type { ClickHouseClient } from "@clickhouse/client";
import type { AlarmEvaluator } from "@revolv/alarms";
import type { Database } from "@revolv/db/client";
import type { Logger, LogLine } from "@revolv/observability/logger";
import type { Registry } from "@revolv/observability/metrics";
import type { QueueClient, ReceivedMessage } from "@revolv/queue";
import { messageKey, readingsTableAnswers, refreshHourArchive } from "@revolv/telemetry";
import { defaultInactivityTimeoutSeconds, deviceTypes } from "@revolv/validators";
import { BatchBuffer } from "./batch-buffer";
import { runConnectivityLoop } from "./connectivity/connectivity-loop";
import type { InactivityTimeouts } from "./connectivity/sweep";
import { admit, admitLifecycle, parseBody } from "./decode";
import { DeviceDirectory } from "./device-directory";
import { errorText } from "./error-text";
import { type FlushContext, flushBatch } from "./flush";
import {
  createMetrics,
  type IngestMetrics,
  ingestInstruments,
  registerBufferGauge,
  registerIngestTallies,
  registerQueueDepth,
} from "./metrics";
import { ClickHouseOutageGate } from "./outage-gate";
import { type DeadLetter, moveToDeadLetterQueue } from "./queue";

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
  /**
   * How often the worker runs the inactivity sweep and moves connectivity events from the
   * Postgres outbox to ClickHouse; 0 turns both off (another instance runs them).
   */
  connectivitySweepMs?: number;
  /** Seconds without a message before a device of each type is offline; default 3× its reporting interval. */
  inactivityTimeouts?: InactivityTimeouts;
  log?: LogLine;
  /**
   * With `debug` enabled, one line per stored message (device id, its message id, the SQS
   * message id, the lag), which follows a message from the bridge's line to ClickHouse. Off at
   * `info`: a line per message would cost more than storing it.
   */
  logger?: Logger;
  /** Errors the worker survives and retries (insert, receive, device lookup), for Sentry. */
  onError?: (error: unknown, component: "insert" | "receive" | "device_lookup") => void;
  /** Where its metrics register (the process's registry by default). */
  metricsRegistry?: Registry;
  /**
   * Called synchronously right before each INSERT is sent. Test-only: the chaos test kills the
   * worker at that moment (`INGEST_ANNOUNCE_INSERTS` in main.ts prints a line from it).
   */
  onInsertStart?: (rows: number) => void;
  /** Alarm rules: evaluated over each stored batch, and for silence and holds every `silenceCheckMs`. */
  alarms?: AlarmEvaluator;
  /**
   * How often offline ("no message for N minutes") rules are judged from last seen, and pending
   * holds past their `forSeconds` raised (so a hold is raised up to this late without a reading).
   */
  silenceCheckMs?: number;
  /** Test-only: called right before a batch's alarm evaluation (the fault test kills the worker then). */
  onEvaluateStart?: (readings: number) => void;
}

export interface IngestWorker {
  metrics: IngestMetrics;
  /** Stops receiving, flushes what is buffered, deletes what was inserted, then resolves. */
  stop(): Promise<void>;
}

/**
 * The SQS → ClickHouse consumer. K consumers receive and validate into the batch buffer; one
 * flusher takes what is due and stores it (flush.ts), one batch at a time; the outage gate
 * holds the consumers while ClickHouse is down (see packages/telemetry/README.md for the
 * idempotency argument).
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
    connectivitySweepMs = 10_000,
    inactivityTimeouts = Object.fromEntries(
      deviceTypes.map((type) => [type, defaultInactivityTimeoutSeconds(type)]),
    ) as InactivityTimeouts,
    log = (line: string) => console.log(`[ingest] ${line}`),
    onInsertStart,
    alarms,
    silenceCheckMs = 30_000,
    onEvaluateStart,
  } = options;
  const registry = options.metricsRegistry;
  const maxBufferedRows = options.maxBufferedRows ?? flushRows * 4;
  const metrics = createMetrics();
  registerIngestTallies(metrics, registry);
  const directory = new DeviceDirectory(db, deviceCacheTtlMs);
  const receiving = new AbortController();
  let running = true;

  const buffer = new BatchBuffer({ flushRows, flushIntervalMs, maxBufferedRows });
  const gate = new ClickHouseOutageGate({
    probe: () => readingsTableAnswers(clickhouse),
    backoffMaxMs: failureBackoffMaxMs,
    signal: receiving.signal,
    log,
  });
  let wakeFlusher: (() => void) | undefined;
  const background = new Set<Promise<unknown>>();

  const track = (work: Promise<unknown>) => {
    background.add(work);
    void work.finally(() => background.delete(work));
  };
  const wake = () => {
    wakeFlusher?.();
    wakeFlusher = undefined;
  };
  const flushContext: FlushContext = {
    clickhouse,
    db,
    queue,
    queueUrl,
    metrics,
    instruments: ingestInstruments(registry),
    gate,
    track,
    log,
    traceStored: options.logger?.isLevelEnabled("debug") ? options.logger : undefined,
    onError: options.onError,
    onInsertStart,
    alarms,
    onEvaluateStart,
  };
  const unregisterQueueDepth = registerQueueDepth(
    {
      async sample() {
        const names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"];
        const [main, dead] = await Promise.all([
          queue.attributes(queueUrl, names),
          queue.attributes(deadLetterQueueUrl, names),
        ]);
        const count = (value: string | undefined) => Number(value ?? 0);
        return [
          { queue: "telemetry", state: "visible", count: count(main.ApproximateNumberOfMessages) },
          {
            queue: "telemetry",
            state: "in_flight",
            count: count(main.ApproximateNumberOfMessagesNotVisible),
          },
          { queue: "dead_letter", state: "visible", count: count(dead.ApproximateNumberOfMessages) },
          {
            queue: "dead_letter",
            state: "in_flight",
            count: count(dead.ApproximateNumberOfMessagesNotVisible),
          },
        ];
      },
    },
    registry,
  );
  const unregisterBuffer = registerBufferGauge(() => metrics.bufferedMessages, registry);

  async function admitReceived(messages: ReceivedMessage[]) {
    const parsed = messages.map((m) => parseBody(m.body));
    const ids = parsed.flatMap((p) => (p.ok ? [p.deviceId] : []));
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
      const standing = standings.get(p.deviceId);
      const admitted =
        p.kind === "telemetry" ? admit(p.body, standing) : admitLifecycle(p.deviceId, p.event, standing);
      if (!admitted.ok) {
        dead.push({ message, reason: admitted.reason, detail: admitted.detail });
        continue;
      }
      const messageId =
        p.kind === "telemetry" ? p.body.messageId : `${p.event.eventType}:${p.event.sessionIdentifier}`;
      buffer.add({
        key: messageKey(p.deviceId, messageId),
        deviceId: p.deviceId,
        messageId,
        sqsMessageId: message.messageId,
        receivedAt: p.kind === "telemetry" ? p.body.receivedAt : p.event.timestamp,
        receiptHandle: message.receiptHandle,
        rows: admitted.rows,
        events: admitted.events,
      });
    }
    metrics.bufferedMessages = buffer.messages;
    if (buffer.full) wake();
    // Refused messages never wait for the batch they came with.
    if (dead.length > 0) track(deadLetter(dead));
  }

  async function deadLetter(letters: DeadLetter[]) {
    const { moved, failed } = await moveToDeadLetterQueue(queue, queueUrl, deadLetterQueueUrl, letters);
    for (const letter of moved) metrics.deadLettered[letter.reason] += 1;
    metrics.deleted += moved.length;
    metrics.deadLetterFailures += failed;
    for (const letter of moved)
      log(`dead-lettered ${letter.message.messageId}: ${letter.reason} (${letter.detail})`, {
        sqsMessageId: letter.message.messageId,
        reason: letter.reason,
      });
  }

  async function consume() {
    while (running) {
      if (!gate.open) {
        await sleep(250, undefined, { signal: receiving.signal }).catch(() => {});
        continue;
      }
      if (!buffer.hasRoom) {
        await buffer.waitForRoom();
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
        options.onError?.(error, "receive");
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
        options.onError?.(error, "device_lookup");
        await sleep(1_000);
      }
    }
  }

  async function flushLoop(consumersDone: () => boolean) {
    for (;;) {
      if (buffer.isDue(!running)) {
        const batch = buffer.take();
        metrics.bufferedMessages = 0;
        await flushBatch(batch, flushContext);
        continue;
      }
      if (!running && consumersDone()) break;
      const waitMs = buffer.msUntilDue();
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
  if (connectivitySweepMs > 0) {
    track(
      runConnectivityLoop({
        db,
        clickhouse,
        timeouts: inactivityTimeouts,
        intervalMs: connectivitySweepMs,
        metrics,
        signal: receiving.signal,
        log,
      }),
    );
  }

  /**
   * Silence (offline rules) and pending holds past their `forSeconds` (a device that reports
   * only on change sends no reading to promote them). Both idempotent (transition ids derive
   * from last seen and from the hold's start), so every worker may run them.
   */
  async function periodicAlarmChecks(evaluator: AlarmEvaluator) {
    while (running) {
      try {
        metrics.alarmTransitions += await evaluator.checkSilence();
      } catch (error) {
        log(`silence check failed, retried at the next one: ${errorText(error)}`);
      }
      try {
        metrics.alarmTransitions += await evaluator.promoteHolds();
      } catch (error) {
        log(`hold promotion failed, retried at the next one: ${errorText(error)}`);
      }
      await sleep(silenceCheckMs, undefined, { signal: receiving.signal }).catch(() => {});
    }
  }
  if (alarms) track(periodicAlarmChecks(alarms));

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
        unregisterQueueDepth();
        unregisterBuffer();
        receiving.abort();
        buffer.releaseWaiters();
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
