import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  type Message,
  SendMessageBatchCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import type { DeadLetterReason } from "./decode";

const maxBatch = 10;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += maxBatch) out.push(items.slice(i, i + maxBatch));
  return out;
}

/** Deletes by receipt handle, 10 per call, all calls at once; returns how many failed. */
export async function deleteMessages(
  sqs: SQSClient,
  queueUrl: string,
  receiptHandles: string[],
): Promise<number> {
  const results = await Promise.all(
    chunks(receiptHandles).map(async (chunk) => {
      try {
        const out = await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: chunk.map((handle, i) => ({ Id: String(i), ReceiptHandle: handle })),
          }),
        );
        return out.Failed?.length ?? 0;
      } catch {
        return chunk.length;
      }
    }),
  );
  return results.reduce((sum, failed) => sum + failed, 0);
}

export interface DeadLetter {
  message: Message;
  reason: DeadLetterReason;
  detail: string;
}

/**
 * Copies each message to the dead-letter queue unchanged, with why it was refused in
 * message attributes (so the body stays exactly what arrived, for replay), then deletes it
 * from the telemetry queue. What could not be copied stays on the queue and is retried;
 * SQS's own redrive policy moves it after maxReceiveCount if copying keeps failing.
 * Returns the messages actually moved.
 */
export async function moveToDeadLetterQueue(
  sqs: SQSClient,
  queueUrl: string,
  deadLetterQueueUrl: string,
  letters: DeadLetter[],
): Promise<{ moved: DeadLetter[]; failed: number }> {
  const moved: DeadLetter[] = [];
  let failed = 0;
  await Promise.all(
    chunks(letters).map(async (chunk) => {
      try {
        const out = await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: deadLetterQueueUrl,
            Entries: chunk.map((letter, i) => ({
              Id: String(i),
              // SQS refuses an empty body; an empty original is itself the problem.
              MessageBody: letter.message.Body || "(empty)",
              MessageAttributes: {
                reason: { DataType: "String", StringValue: letter.reason },
                detail: { DataType: "String", StringValue: letter.detail.slice(0, 1_000) || "-" },
                sourceMessageId: { DataType: "String", StringValue: letter.message.MessageId ?? "unknown" },
              },
            })),
          }),
        );
        const ok = new Set((out.Successful ?? []).map((s) => s.Id));
        for (const [i, letter] of chunk.entries()) if (ok.has(String(i))) moved.push(letter);
        failed += chunk.length - ok.size;
      } catch {
        failed += chunk.length;
      }
    }),
  );
  const handles = moved.map((l) => l.message.ReceiptHandle).filter((h): h is string => Boolean(h));
  failed += await deleteMessages(sqs, queueUrl, handles);
  return { moved, failed };
}

/**
 * The dead-letter queue the queue's own redrive policy names, so the worker needs only the
 * queue's URL: the worker moves refused messages where SQS itself would. Undefined when the
 * queue has no redrive policy.
 */
export async function redriveTargetOf(sqs: SQSClient, queueUrl: string): Promise<string | undefined> {
  const out = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["RedrivePolicy"] }),
  );
  const policy = out.Attributes?.RedrivePolicy;
  if (!policy) return undefined;
  // arn:aws:sqs:{region}:{account}:{name}
  const arn = String((JSON.parse(policy) as { deadLetterTargetArn?: unknown }).deadLetterTargetArn ?? "");
  const [, , , , account, name] = arn.split(":");
  if (!name) return undefined;
  const found = await sqs.send(
    new GetQueueUrlCommand({ QueueName: name, ...(account ? { QueueOwnerAWSAccountId: account } : {}) }),
  );
  return found.QueueUrl;
}
