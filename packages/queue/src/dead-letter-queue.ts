import type { QueueClient } from "./queue-client";

/**
 * The dead-letter queue the queue's own redrive policy names, so the worker needs only the
 * queue's URL: the worker and the bridge move refused messages where SQS itself would. Undefined when the
 * queue has no redrive policy.
 */
export async function redriveTargetOf(queue: QueueClient, queueUrl: string): Promise<string | undefined> {
  const { RedrivePolicy: policy } = await queue.attributes(queueUrl, ["RedrivePolicy"]);
  if (!policy) return undefined;
  // arn:aws:sqs:{region}:{account}:{name}
  const arn = String((JSON.parse(policy) as { deadLetterTargetArn?: unknown }).deadLetterTargetArn ?? "");
  const [, , , , account, name] = arn.split(":");
  if (!name) return undefined;
  return queue.queueUrl(name, account || undefined);
}

/** The configured dead-letter queue, else the redrive policy's; an error naming both when neither exists. */
export async function resolveDeadLetterQueue(
  queue: QueueClient,
  queueUrl: string,
  configured: string | undefined,
): Promise<string> {
  if (configured) return configured;
  const target = await redriveTargetOf(queue, queueUrl);
  if (!target)
    throw new Error("SQS_DLQ_URL is unset and the queue has no redrive policy naming a dead-letter queue");
  return target;
}

/**
 * `resolveDeadLetterQueue` on first use, remembered once it answered: a web app can start while
 * SQS is unreachable, and a failed lookup is tried again by the next caller.
 */
export function deadLetterQueueResolver(
  queue: QueueClient,
  queueUrl: string,
  configured: string | undefined,
): () => Promise<string> {
  let resolved: Promise<string> | undefined;
  return () => {
    resolved ??= resolveDeadLetterQueue(queue, queueUrl, configured).catch((error: unknown) => {
      resolved = undefined;
      throw error;
    });
    return resolved;
  };
}
