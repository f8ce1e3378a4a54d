/**
 * SQS alone, the sending half: the bridge's own batcher (batches of 10, the same number of
 * SendMessageBatch calls in flight) fed as fast as it accepts, with pipeline-shaped bodies.
 */
import { createSqsBatcher } from "@revolv/broker";
import { createQueueClient } from "@revolv/queue";
import { onCommand, tell } from "../processes";

const env = process.env as Record<string, string>;
const queue = createQueueClient({ region: "us-east-1", endpoint: env.SQS_ENDPOINT, connections: 64 });
const batcher = createSqsBatcher({ queue, queueUrl: env.SQS_QUEUE_URL as string });
const body = env.BENCH_BODY as string;
/** Messages handed to the batcher and not yet accepted: enough to keep every batch full. */
const window = 640;
/**
 * Sending pauses while this many messages wait in the queue: the ceiling of interest is the
 * steady send→receive→delete rate, not how fast a backlog can be built that nobody drains.
 */
const maxBacklog = Number(env.BENCH_MAX_BACKLOG ?? 5_000);
let sent = 0;
let outstanding = 0;
let running = true;
let backlog = 0;

function refill() {
  while (running && outstanding < window && backlog <= maxBacklog) {
    outstanding += 1;
    batcher.send(body).then(
      () => {
        sent += 1;
        outstanding -= 1;
        refill();
      },
      () => {
        outstanding -= 1;
        refill();
      },
    );
  }
}

async function watchBacklog() {
  while (running) {
    const attributes = await queue.attributes(env.SQS_QUEUE_URL as string, ["ApproximateNumberOfMessages"]);
    backlog = Number(attributes.ApproximateNumberOfMessages ?? 0);
    refill();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

tell({ type: "ready" });
onCommand<{ type: "start" | "stop" }>(async (command) => {
  if (command.type === "start") {
    void watchBacklog();
    return;
  }
  running = false;
  await batcher.flush();
  tell({ type: "stopped", sent });
});
