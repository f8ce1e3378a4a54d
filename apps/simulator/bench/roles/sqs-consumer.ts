/**
 * SQS alone, the receiving half: K long-poll consumers receiving 10 at a time and deleting
 * each receive with one DeleteMessageBatch, as the ingest worker does, and nothing else.
 */
import { createQueueClient } from "@revolv/queue";
import { onCommand, tell } from "../processes";

const env = process.env as Record<string, string>;
const consumers = Number(env.INGEST_CONSUMERS ?? 8);
const queue = createQueueClient({
  region: "us-east-1",
  endpoint: env.SQS_ENDPOINT,
  connections: consumers * 2 + 16,
});
const queueUrl = env.SQS_QUEUE_URL as string;
let deleted = 0;
let running = true;
const stopping = new AbortController();

async function consume() {
  while (running) {
    const messages = await queue
      .receive(queueUrl, { maxMessages: 10, waitTimeSeconds: 1, signal: stopping.signal })
      .catch(() => []);
    if (messages.length === 0) continue;
    await queue.deleteBatch(
      queueUrl,
      messages.map((m) => m.receiptHandle),
    );
    deleted += messages.length;
  }
}

tell({ type: "ready" });
const reporter = setInterval(() => tell({ type: "stats", deleted }), 1_000);
const all = Array.from({ length: consumers }, consume);
onCommand<{ type: "stop" }>(async () => {
  running = false;
  stopping.abort();
  await Promise.allSettled(all);
  clearInterval(reporter);
  tell({ type: "stopped", deleted });
});
