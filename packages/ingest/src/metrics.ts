import { type DeadLetterReason, deadLetterReasons } from "./decode";

/**
 * Counters a Prometheus exporter can read as they are (monotonic, except the gauges noted).
 * Plain numbers on one object: incrementing them costs nothing on the hot path.
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
