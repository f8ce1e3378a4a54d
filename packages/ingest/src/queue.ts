import {
  type OutgoingMessage,
  type QueueClient,
  type ReceivedMessage,
  sqsBatches,
  sqsSendBatches,
} from "@revolv/queue";
import type { DeadLetterReason } from "./decode";

/** Deletes by receipt handle, 10 per call, all calls at once; returns how many failed. */
export async function deleteMessages(
  queue: QueueClient,
  queueUrl: string,
  receiptHandles: string[],
): Promise<number> {
  const results = await Promise.all(
    sqsBatches(receiptHandles).map((chunk) =>
      queue.deleteBatch(queueUrl, chunk).then(
        (failed) => failed.length,
        () => chunk.length,
      ),
    ),
  );
  return results.reduce((sum, failed) => sum + failed, 0);
}

export interface DeadLetter {
  message: ReceivedMessage;
  reason: DeadLetterReason;
  detail: string;
}

/** A dead letter as sent: the body as it arrived, why in attributes. */
const deadLetterMessage = (letter: DeadLetter): OutgoingMessage => ({
  // SQS refuses an empty body; an empty original is itself the problem.
  body: letter.message.body || "(empty)",
  attributes: {
    reason: letter.reason,
    detail: letter.detail.slice(0, 1_000) || "-",
    sourceMessageId: letter.message.messageId,
  },
});

/**
 * Copies each message to the dead-letter queue unchanged, with why it was refused in
 * message attributes (so the body stays exactly what arrived, for replay), then deletes it
 * from the telemetry queue. What could not be copied stays on the queue and is retried;
 * SQS's own redrive policy moves it after maxReceiveCount if copying keeps failing.
 * Returns the messages actually moved.
 */
export async function moveToDeadLetterQueue(
  queue: QueueClient,
  queueUrl: string,
  deadLetterQueueUrl: string,
  letters: DeadLetter[],
): Promise<{ moved: DeadLetter[]; failed: number }> {
  const moved: DeadLetter[] = [];
  let failed = 0;
  await Promise.all(
    // Cut by bytes too: SQS refuses a batch of a few large letters whole.
    sqsSendBatches(letters, deadLetterMessage).map(async (chunk) => {
      try {
        const refused = await queue.sendBatch(deadLetterQueueUrl, chunk.map(deadLetterMessage));
        const refusedAt = new Set(refused.map((f) => f.index));
        for (const [i, letter] of chunk.entries()) if (!refusedAt.has(i)) moved.push(letter);
        failed += refusedAt.size;
      } catch {
        failed += chunk.length;
      }
    }),
  );
  failed += await deleteMessages(
    queue,
    queueUrl,
    moved.map((l) => l.message.receiptHandle),
  );
  return { moved, failed };
}
