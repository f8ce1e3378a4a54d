import { sqsBatches, sqsMaxBatch, sqsSendBatches } from "./batches";
import type { QueueClient, ReceivedMessage } from "./queue-client";

/**
 * SQS has no "list" or "peek": reading a queue means receiving, which hides each message for a
 * visibility timeout. A scan receives everything (up to a limit) under a hold long enough for the
 * whole scan, so no message is handed out twice in one pass, then makes what it did not consume
 * visible again at once (ChangeMessageVisibility 0). Nothing is deleted unless asked. Meant for
 * queues nobody consumes, such as a dead-letter queue: on a consumed queue, held messages would
 * be hidden from consumers for the length of the scan.
 */
const holdSeconds = 60;

export interface ScanOptions {
  /** At most this many messages are read; the rest stay untouched. */
  limit: number;
}

export interface ScanResult {
  /** Messages read, each once, in the order SQS handed them out. */
  messages: ReceivedMessage[];
  /** The limit was reached, so more may be waiting. */
  more: boolean;
}

async function receiveAll(queue: QueueClient, queueUrl: string, limit: number): Promise<ScanResult> {
  const seen = new Map<string, ReceivedMessage>();
  while (seen.size < limit) {
    const received = await queue.receive(queueUrl, {
      maxMessages: Math.min(sqsMaxBatch, limit - seen.size),
      // A short poll: the scan ends on the first empty answer instead of waiting on an idle queue.
      waitTimeSeconds: 0,
      visibilityTimeoutSeconds: holdSeconds,
      withAttributes: true,
    });
    if (received.length === 0) return { messages: [...seen.values()], more: false };
    for (const message of received) seen.set(message.messageId, message);
  }
  return { messages: [...seen.values()], more: true };
}

/** Makes held messages visible again; a failure only means they reappear when the hold ends. */
async function release(queue: QueueClient, queueUrl: string, messages: ReceivedMessage[]): Promise<void> {
  await Promise.allSettled(
    sqsBatches(messages).map((chunk) =>
      queue.changeVisibilityBatch(
        queueUrl,
        chunk.map((m) => ({ receiptHandle: m.receiptHandle, visibilityTimeoutSeconds: 0 })),
      ),
    ),
  );
}

/** Reads up to `limit` messages and leaves every one of them on the queue, visible. */
export async function peekQueue(
  queue: QueueClient,
  queueUrl: string,
  { limit }: ScanOptions,
): Promise<ScanResult> {
  const scan = await receiveAll(queue, queueUrl, limit);
  await release(queue, queueUrl, scan.messages);
  return scan;
}

/** What a taken message becomes on `sendTo`: a body, or why it must not be sent (it stays). */
export type Forwarded = { body: string } | { refusal: string };

export interface TakeResult {
  /** Messages sent on (when a target was given) and deleted from the queue. */
  taken: ReceivedMessage[];
  /** Chosen messages `bodyFor` would not send, with why; they stay on the queue. */
  refused: { message: ReceivedMessage; reason: string }[];
  /** Chosen messages that could not be sent or deleted; they stay on the queue. */
  failed: ReceivedMessage[];
  /** The scan's limit was reached: chosen messages beyond it were not looked at. */
  more: boolean;
}

/**
 * Removes the messages `choose` picks from the queue, after sending each one to `sendTo` when
 * given (a redrive: by default the body unchanged, so the consumer judges it again as new;
 * `bodyFor` may send another body, or refuse a message, which then stays); without `sendTo` they
 * are only deleted (a purge). A message is deleted only once its copy was accepted, so a failure
 * leaves it where it was. What is not chosen is released.
 */
export async function takeFromQueue(
  queue: QueueClient,
  queueUrl: string,
  choose: (message: ReceivedMessage) => boolean,
  {
    limit,
    sendTo,
    bodyFor = (message) => ({ body: message.body }),
  }: ScanOptions & { sendTo?: string | undefined; bodyFor?: (message: ReceivedMessage) => Forwarded },
): Promise<TakeResult> {
  const scan = await receiveAll(queue, queueUrl, limit);
  const refused: TakeResult["refused"] = [];
  const chosen: { message: ReceivedMessage; body: string }[] = [];
  for (const message of scan.messages.filter(choose)) {
    const forwarded: Forwarded = sendTo ? bodyFor(message) : { body: message.body };
    if ("refusal" in forwarded) refused.push({ message, reason: forwarded.refusal });
    else chosen.push({ message, body: forwarded.body });
  }
  const chosenMessages = chosen.map((c) => c.message);
  await release(
    queue,
    queueUrl,
    scan.messages.filter((m) => !chosenMessages.includes(m)),
  );
  const taken: ReceivedMessage[] = [];
  await Promise.all(
    (sendTo ? sqsSendBatches(chosen, ({ body }) => ({ body })) : sqsBatches(chosen)).map(async (entries) => {
      const chunk = entries.map((e) => e.message);
      let sent = chunk;
      if (sendTo) {
        try {
          const refused = new Set(
            (
              await queue.sendBatch(
                sendTo,
                entries.map((e) => ({ body: e.body })),
              )
            ).map((f) => f.index),
          );
          sent = chunk.filter((_, i) => !refused.has(i));
        } catch {
          sent = [];
        }
      }
      if (sent.length === 0) return;
      try {
        const refused = new Set(
          (
            await queue.deleteBatch(
              queueUrl,
              sent.map((m) => m.receiptHandle),
            )
          ).map((f) => f.index),
        );
        taken.push(...sent.filter((_, i) => !refused.has(i)));
      } catch {
        // Not deleted: the message stays, and is released below.
      }
    }),
  );
  // What could not be sent or deleted is held still: let it be seen again now, not in a minute.
  const failed = chosenMessages.filter((m) => !taken.includes(m));
  await release(queue, queueUrl, failed);
  return { taken, refused, failed, more: scan.more };
}
