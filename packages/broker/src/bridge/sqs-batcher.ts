import type { QueueClient } from "@revolv/queue";
import Denque from "denque";

export interface SqsBatcherOptions {
  queue: QueueClient;
  queueUrl: string;
  /** SQS takes at most 10 entries per SendMessageBatch. */
  maxBatchSize?: number;
  /** How long a lone message waits for company before a partial batch goes out. */
  maxDelayMs?: number;
  /** SQS caps a whole batch request at 1 MiB; keep headroom for the envelope. */
  maxBatchBytes?: number;
  /** SendMessageBatch calls in flight at once; beyond it, entries wait and batches fill up. */
  maxInFlightBatches?: number;
}

export interface SqsBatcherMetrics {
  accepted: number;
  failed: number;
  batches: number;
  inFlightBatches: number;
  queued: number;
}

/** SQS answered for this one entry and refused it; `senderFault` refusals never succeed on a resend. */
export class SqsRefusal extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
    readonly senderFault: boolean,
  ) {
    super(`SQS refused the message: ${code} ${detail}`);
    this.name = "SqsRefusal";
  }
}

export interface SqsBatcher {
  /**
   * Resolves once SQS accepted the body; rejects with an `SqsRefusal` when SQS refused this
   * entry, with another error when SQS could not be reached.
   */
  send(body: string): Promise<void>;
  /** Sends everything queued and waits for every call in flight. */
  flush(): Promise<void>;
  readonly metrics: SqsBatcherMetrics;
}

interface Entry {
  body: string;
  bytes: number;
  enqueuedAt: number;
  resolve(): void;
  reject(error: Error): void;
}

/**
 * The micro-batcher between the broker and SQS. Each device publish becomes one entry; the
 * caller's promise settles with that entry's own result inside the batch, which is what lets
 * the broker hold a device's PUBACK until SQS has the message.
 */
export function createSqsBatcher({
  queue,
  queueUrl,
  maxBatchSize = 10,
  maxDelayMs = 5,
  maxBatchBytes = 900 * 1024,
  maxInFlightBatches = 32,
}: SqsBatcherOptions): SqsBatcher {
  // A backlog can reach thousands of entries while SQS is slow; Array#shift is O(n) there.
  const waiting = new Denque<Entry>();
  const inFlight = new Set<Promise<void>>();
  const metrics: SqsBatcherMetrics = { accepted: 0, failed: 0, batches: 0, inFlightBatches: 0, queued: 0 };
  let timer: NodeJS.Timeout | undefined;

  function takeBatch(): Entry[] {
    const batch: Entry[] = [];
    let bytes = 0;
    while (batch.length < maxBatchSize && waiting.length > 0) {
      const next = waiting.peekFront() as Entry;
      if (batch.length > 0 && bytes + next.bytes > maxBatchBytes) break;
      bytes += next.bytes;
      batch.push(waiting.shift() as Entry);
    }
    return batch;
  }

  /** A batch is full at maxBatchSize entries or maxBatchBytes, so only its first entries matter. */
  function hasFullBatch(): boolean {
    if (waiting.length >= maxBatchSize) return true;
    let bytes = 0;
    for (let i = 0; i < waiting.length; i++) {
      bytes += (waiting.peekAt(i) as Entry).bytes;
      if (bytes > maxBatchBytes) return true;
    }
    return false;
  }

  function pump(force = false) {
    while (inFlight.size < maxInFlightBatches && waiting.length > 0) {
      const due =
        force || hasFullBatch() || Date.now() - (waiting.peekFront() as Entry).enqueuedAt >= maxDelayMs;
      if (!due) break;
      dispatch(takeBatch());
    }
    metrics.queued = waiting.length;
    metrics.inFlightBatches = inFlight.size;
    if (waiting.length > 0 && timer === undefined && inFlight.size < maxInFlightBatches) {
      const wait = Math.max(0, maxDelayMs - (Date.now() - (waiting.peekFront() as Entry).enqueuedAt));
      timer = setTimeout(() => {
        timer = undefined;
        pump();
      }, wait);
    }
  }

  function dispatch(batch: Entry[]) {
    metrics.batches += 1;
    const call = sendBatch(batch).finally(() => {
      inFlight.delete(call);
      pump();
    });
    inFlight.add(call);
  }

  async function sendBatch(batch: Entry[]): Promise<void> {
    try {
      const failures = await queue.sendBatch(
        queueUrl,
        batch.map((entry) => ({ body: entry.body })),
      );
      const failed = new Map(failures.map((f) => [f.index, f]));
      batch.forEach((entry, index) => {
        const failure = failed.get(index);
        if (failure) {
          metrics.failed += 1;
          entry.reject(new SqsRefusal(failure.code, failure.message, failure.senderFault));
        } else {
          metrics.accepted += 1;
          entry.resolve();
        }
      });
    } catch (error) {
      metrics.failed += batch.length;
      const reason = error instanceof Error ? error.message : String(error);
      for (const entry of batch) entry.reject(new Error(`SQS unavailable: ${reason}`));
    }
  }

  return {
    metrics,
    send(body) {
      return new Promise<void>((resolve, reject) => {
        waiting.push({ body, bytes: Buffer.byteLength(body), enqueuedAt: Date.now(), resolve, reject });
        if (waiting.length >= maxBatchSize) pump();
        else if (timer === undefined) pump();
      });
    },
    async flush() {
      if (timer !== undefined) {
        clearTimeout(timer);
        timer = undefined;
      }
      while (waiting.length > 0 || inFlight.size > 0) {
        pump(true);
        await Promise.allSettled([...inFlight]);
      }
    },
  };
}
