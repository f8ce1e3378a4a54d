import type { DeviceEventRow, ReadingRow } from "@revolv/telemetry";

/** An admitted message waiting for its insert, with the receipt to delete it by afterwards. */
export interface BufferedMessage {
  key: string;
  deviceId: string;
  messageId: string;
  /** SQS's id of the delivery, which the bridge's and the queue's logs name. */
  sqsMessageId: string;
  receivedAt: number;
  receiptHandle: string;
  rows: ReadingRow[];
  /** Events the message is by itself (a lifecycle event); those derived from readings come at flush. */
  events: DeviceEventRow[];
}

export interface BatchBufferOptions {
  /** A batch is due when this many rows wait… */
  flushRows: number;
  /** …or when the oldest message has waited this long. */
  flushIntervalMs: number;
  /** Receiving waits for room while this many rows wait (an insert is slow or failing). */
  maxBufferedRows: number;
  now?: () => number;
}

/**
 * The messages consumers admitted and the flusher has not taken yet. It decides when a batch
 * is due (by size or by the age of its oldest message, so ClickHouse gets about one large
 * insert per interval rather than many small ones) and holds consumers back while too many
 * rows wait.
 */
export class BatchBuffer {
  readonly #flushRows: number;
  readonly #flushIntervalMs: number;
  readonly #maxBufferedRows: number;
  readonly #now: () => number;
  #messages: BufferedMessage[] = [];
  #rows = 0;
  #oldestAt = 0;
  #roomWaiters: (() => void)[] = [];

  constructor({ flushRows, flushIntervalMs, maxBufferedRows, now = Date.now }: BatchBufferOptions) {
    this.#flushRows = flushRows;
    this.#flushIntervalMs = flushIntervalMs;
    this.#maxBufferedRows = maxBufferedRows;
    this.#now = now;
  }

  get messages(): number {
    return this.#messages.length;
  }

  get rows(): number {
    return this.#rows;
  }

  add(message: BufferedMessage): void {
    if (this.#messages.length === 0) this.#oldestAt = this.#now();
    this.#messages.push(message);
    this.#rows += message.rows.length + message.events.length;
  }

  /** Enough rows for one insert: the flusher should not wait for the interval. */
  get full(): boolean {
    return this.#rows >= this.#flushRows;
  }

  get hasRoom(): boolean {
    return this.#rows < this.#maxBufferedRows;
  }

  /** `draining`: the worker is stopping, so whatever waits goes now. */
  isDue(draining = false): boolean {
    return this.#messages.length > 0 && (this.full || this.#age() >= this.#flushIntervalMs || draining);
  }

  /** How long the flusher may sleep before the oldest message is due (a full interval when empty). */
  msUntilDue(): number {
    return this.#messages.length > 0
      ? Math.max(1, this.#flushIntervalMs - this.#age())
      : this.#flushIntervalMs;
  }

  /** Empties the buffer into one batch and lets waiting consumers receive again. */
  take(): BufferedMessage[] {
    const batch = this.#messages;
    this.#messages = [];
    this.#rows = 0;
    this.releaseWaiters();
    return batch;
  }

  /** Resolves once a batch is taken (or `releaseWaiters` is called at shutdown). */
  waitForRoom(): Promise<void> {
    return new Promise<void>((resolve) => this.#roomWaiters.push(resolve));
  }

  releaseWaiters(): void {
    const waiters = this.#roomWaiters;
    this.#roomWaiters = [];
    for (const resolve of waiters) resolve();
  }

  #age(): number {
    return this.#now() - this.#oldestAt;
  }
}
