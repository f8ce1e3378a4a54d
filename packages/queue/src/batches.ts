/** The most entries SQS takes in one batch call (SendMessageBatch, DeleteMessageBatch, …). */
export const sqsMaxBatch = 10;

/** `items` cut into batches of at most ten, in order: one SQS batch call each. */
export function sqsBatches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += sqsMaxBatch) out.push(items.slice(i, i + sqsMaxBatch));
  return out;
}
