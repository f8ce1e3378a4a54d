import { sqsMaxBatchBytes, sqsMessageBytes } from "./message-limits";
import type { OutgoingMessage } from "./queue-client";

/** The most entries SQS takes in one batch call (SendMessageBatch, DeleteMessageBatch, …). */
export const sqsMaxBatch = 10;

/** `items` cut into batches of at most ten, in order: one SQS batch call each. */
export function sqsBatches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += sqsMaxBatch) out.push(items.slice(i, i + sqsMaxBatch));
  return out;
}

/**
 * `items` cut into SendMessageBatch calls, in order: at most ten each, and at most SQS's batch
 * limit in bytes as SQS counts them (`sqsMessageBytes`). SQS refuses a batch over the limit as a
 * whole, so a few large messages that would each be taken alone must not share one. A message
 * over the limit by itself goes alone, for SQS to refuse that entry only.
 */
export function sqsSendBatches<T>(items: readonly T[], messageOf: (item: T) => OutgoingMessage): T[][] {
  const out: T[][] = [];
  let batch: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const itemBytes = sqsMessageBytes(messageOf(item));
    if (batch.length === sqsMaxBatch || (batch.length > 0 && bytes + itemBytes > sqsMaxBatchBytes)) {
      out.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(item);
    bytes += itemBytes;
  }
  if (batch.length > 0) out.push(batch);
  return out;
}
