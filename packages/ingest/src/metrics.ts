import {
  durationBuckets,
  gauge,
  type Histogram,
  histogram,
  metricsRegistry,
  type Registry,
  tallyCounter,
  tallyGauge,
} from "@revolv/observability/metrics";
import { type DeadLetterReason, deadLetterReasons } from "./decode";

/**
 * One worker's tallies: plain numbers, so counting costs the hot path one addition. Prometheus
 * reads them at scrape time (`registerIngestTallies`); tests and the stop line read them directly.
 */
export interface IngestMetrics {
  /** SQS messages received, valid or not, including redeliveries. */
  received: number;
  /** ReceiveMessage calls that returned messages; `received / receives` is how full they were. */
  receives: number;
  /** ReceiveMessage calls that returned nothing (a long poll that timed out). */
  emptyReceives: number;
  /** Messages whose readings were inserted by this worker. */
  insertedMessages: number;
  insertedRows: number;
  /** Device events this worker stored (lifecycle, fault, jam; the outbox relay's went offline / came back). */
  insertedEvents: number;
  /** Devices the inactivity sweep of this worker marked offline. */
  wentOffline: number;
  /** Messages skipped because they were already stored (redelivery) or repeated within a batch. */
  duplicates: number;
  /** Messages deleted from the telemetry queue (stored, duplicate, or dead-lettered). */
  deleted: number;
  deadLettered: Record<DeadLetterReason, number>;
  insertFailures: number;
  deleteFailures: number;
  deadLetterFailures: number;
  lastSeenFailures: number;
  /** Stored batches whose alarm evaluation failed; they were left on the queue to be evaluated again. */
  alarmEvaluationFailures: number;
  /** Alarm transitions this worker stored (raised, cleared). */
  alarmTransitions: number;
  receiveFailures: number;
  flushes: number;
  flushLatencyMs: { count: number; sum: number; max: number; last: number };
  /** Gauge: messages waiting in the buffer. */
  bufferedMessages: number;
}

export function createMetrics(): IngestMetrics {
  return {
    received: 0,
    receives: 0,
    emptyReceives: 0,
    insertedMessages: 0,
    insertedRows: 0,
    insertedEvents: 0,
    wentOffline: 0,
    duplicates: 0,
    deleted: 0,
    deadLettered: Object.fromEntries(deadLetterReasons.map((r) => [r, 0])) as Record<
      DeadLetterReason,
      number
    >,
    insertFailures: 0,
    deleteFailures: 0,
    deadLetterFailures: 0,
    lastSeenFailures: 0,
    alarmEvaluationFailures: 0,
    alarmTransitions: 0,
    receiveFailures: 0,
    flushes: 0,
    flushLatencyMs: { count: 0, sum: 0, max: 0, last: 0 },
    bufferedMessages: 0,
  };
}

/**
 * The worker's Prometheus metrics. Counters are read from the tallies above at scrape time (the
 * hot path keeps bumping plain numbers); what needs a distribution is a histogram observed once
 * per insert, and the lag once per stored message.
 */
export interface IngestInstruments {
  batchRows: Histogram;
  insertDuration: Histogram;
  publishToStoredLag: Histogram;
}

export function ingestInstruments(registry: Registry = metricsRegistry): IngestInstruments {
  return {
    batchRows: histogram(
      {
        name: "ingest_batch_rows",
        help: "Rows per ClickHouse insert.",
        buckets: [1, 10, 50, 100, 500, 1_000, 2_500, 5_000, 10_000, 20_000, 50_000],
      },
      registry,
    ),
    insertDuration: histogram(
      {
        name: "ingest_insert_duration_seconds",
        help: "Time to store one batch: the already-stored check, the INSERT and the latest-state rewrite.",
        buckets: durationBuckets,
      },
      registry,
    ),
    publishToStoredLag: histogram(
      {
        name: "ingest_publish_to_stored_lag_seconds",
        help: "From the broker receiving a device's publish to its readings being stored in ClickHouse.",
        buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900],
      },
      registry,
    ),
  };
}

/** Exposes a worker's tallies as counters; several workers in a process add up. */
export function registerIngestTallies(tally: IngestMetrics, registry: Registry = metricsRegistry): void {
  const simple = (name: string, help: string, read: () => number) =>
    tallyCounter({ name, help }, registry).add(() => [[{}, read()]]);
  simple(
    "ingest_messages_received_total",
    "SQS messages received, valid or not, redeliveries included.",
    () => tally.received,
  );
  simple("ingest_receives_total", "ReceiveMessage calls that returned messages.", () => tally.receives);
  simple(
    "ingest_empty_receives_total",
    "ReceiveMessage calls that returned nothing.",
    () => tally.emptyReceives,
  );
  simple(
    "ingest_messages_stored_total",
    "Messages whose readings this worker inserted.",
    () => tally.insertedMessages,
  );
  simple("ingest_rows_inserted_total", "Readings inserted into ClickHouse.", () => tally.insertedRows);
  simple(
    "ingest_messages_duplicate_total",
    "Messages skipped because they were already stored or repeated within a batch.",
    () => tally.duplicates,
  );
  simple("ingest_messages_deleted_total", "Messages deleted from the telemetry queue.", () => tally.deleted);
  simple(
    "ingest_insert_failures_total",
    "ClickHouse inserts that failed (the batch stays on the queue).",
    () => tally.insertFailures,
  );
  simple("ingest_flushes_total", "Batches stored.", () => tally.flushes);
  simple("ingest_sqs_receive_errors_total", "ReceiveMessage calls that failed.", () => tally.receiveFailures);
  simple(
    "ingest_sqs_delete_errors_total",
    "Messages whose delete from the queue failed.",
    () => tally.deleteFailures,
  );
  simple(
    "ingest_dead_letter_errors_total",
    "Refused messages that could not be moved to the dead-letter queue.",
    () => tally.deadLetterFailures,
  );
  simple(
    "ingest_last_seen_errors_total",
    "Failed updates of the devices' last seen time.",
    () => tally.lastSeenFailures,
  );
  simple(
    "ingest_device_events_stored_total",
    "Device events stored (lifecycle, fault, jam; went offline / came back from the outbox).",
    () => tally.insertedEvents,
  );
  simple(
    "ingest_devices_went_offline_total",
    "Devices this worker's inactivity sweeps marked offline.",
    () => tally.wentOffline,
  );
  simple(
    "alarm_transitions_total",
    "Alarm transitions stored (raised, cleared).",
    () => tally.alarmTransitions,
  );
  simple(
    "alarm_evaluation_failures_total",
    "Stored batches whose alarm evaluation failed (left on the queue to be judged again).",
    () => tally.alarmEvaluationFailures,
  );
  tallyCounter<"reason">(
    {
      name: "ingest_messages_rejected_total",
      help: "Messages moved to the dead-letter queue, by reason.",
      labelNames: ["reason"],
    },
    registry,
  ).add(() => Object.entries(tally.deadLettered).map(([reason, n]) => [{ reason }, n]));
}

export interface QueueDepthSampler {
  /** Messages waiting and in flight on the telemetry queue and the dead-letter queue. */
  sample(): Promise<{ queue: "telemetry" | "dead_letter"; state: "visible" | "in_flight"; count: number }[]>;
}

const samplers = new Set<QueueDepthSampler>();

/**
 * Queue depth and dead-letter depth, asked of SQS at scrape time (two GetQueueAttributes calls
 * per scrape, whatever the traffic). A failed sample leaves the gauge without the series, so an
 * alert on absence sees it. Returns the unregister function.
 */
export function registerQueueDepth(
  sampler: QueueDepthSampler,
  registry: Registry = metricsRegistry,
): () => void {
  samplers.add(sampler);
  gauge<"queue" | "state">(
    {
      name: "ingest_queue_messages",
      help: "Approximate messages on the queue (sampled at scrape), by queue and state.",
      labelNames: ["queue", "state"],
      async collect() {
        this.reset();
        const samples = await Promise.allSettled([...samplers].map((s) => s.sample()));
        for (const result of samples) {
          if (result.status !== "fulfilled") continue;
          for (const { queue, state, count } of result.value) this.inc({ queue, state }, count);
        }
      },
    },
    registry,
  );
  return () => samplers.delete(sampler);
}

/** The buffer's size, read at scrape; returns the function that removes this worker's. */
export function registerBufferGauge(read: () => number, registry: Registry = metricsRegistry): () => void {
  return tallyGauge(
    { name: "ingest_buffered_messages", help: "Messages received and waiting in the worker's batch buffer." },
    registry,
  ).add(read);
}
