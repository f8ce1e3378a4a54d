/**
 * `pnpm bench:queue`: the embedded SQS emulator's send → receive → delete throughput with the
 * lean client, in memory and persisted to a data directory (as `pnpm dev` runs it), one after
 * the other on the same machine. Emulator and clients share this one process, as they share the
 * dev stack's. The last line printed is one JSON object.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createQueueClient } from "@revolv/queue";
import { startSqsEmulator } from "@revolv/queue/emulator";
import { z } from "zod";
import { round } from "./stats";

const argsSchema = z.object({
  seconds: z.coerce.number().int().min(3).max(600).default(15),
  /** Concurrent SendMessageBatch loops (10 messages each), like the bridge's batches in flight. */
  senders: z.coerce.number().int().min(1).max(64).default(4),
  /** Concurrent receive → delete loops, like the worker's consumers. */
  consumers: z.coerce.number().int().min(1).max(64).default(4),
  bodyBytes: z.coerce.number().int().min(1).max(200_000).default(400),
  /** In memory and persisted take turns this many times, so a busy machine weighs on both alike. */
  rounds: z.coerce.number().int().min(1).max(20).default(3),
});
const { values } = parseArgs({
  options: {
    seconds: { type: "string" },
    senders: { type: "string" },
    consumers: { type: "string" },
    "body-bytes": { type: "string" },
    rounds: { type: "string" },
  },
});
const args = argsSchema.parse({ ...values, bodyBytes: values["body-bytes"] });
const log = (line: string) => console.error(`[bench:queue] ${line}`);

async function measure(dataDir: string | undefined) {
  const emulator = await startSqsEmulator({ port: 0, ...(dataDir && { dataDir }) });
  const queue = createQueueClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    connections: args.senders + args.consumers + 4,
  });
  const body = JSON.stringify({ pad: "x".repeat(Math.max(0, args.bodyBytes - 10)) });
  const batch = Array.from({ length: 10 }, () => ({ body }));
  let sent = 0;
  let deleted = 0;
  let running = true;
  // The first second is left out: connections open, the JIT warms up.
  const warmupMs = 1_000;
  let deletedAtStart = 0;
  let sentAtStart = 0;
  const started = Date.now();
  const windowStart = setTimeout(() => {
    deletedAtStart = deleted;
    sentAtStart = sent;
  }, warmupMs);

  const senders = Array.from({ length: args.senders }, async () => {
    while (running) {
      // Keep the backlog bounded, so receives measure a queue that keeps up, not one that grows.
      if (sent - deleted > 5_000) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        continue;
      }
      const failed = await queue.sendBatch(emulator.queueUrl, batch);
      sent += batch.length - failed.length;
    }
  });
  const consumers = Array.from({ length: args.consumers }, async () => {
    while (running) {
      const messages = await queue.receive(emulator.queueUrl, { waitTimeSeconds: 1 });
      if (messages.length === 0) continue;
      const failed = await queue.deleteBatch(
        emulator.queueUrl,
        messages.map((m) => m.receiptHandle),
      );
      deleted += messages.length - failed.length;
    }
  });
  await new Promise((resolve) => setTimeout(resolve, args.seconds * 1_000));
  const elapsedS = (Date.now() - started - warmupMs) / 1_000;
  const result = {
    sentPerSec: round((sent - sentAtStart) / elapsedS),
    deletedPerSec: round((deleted - deletedAtStart) / elapsedS),
  };
  running = false;
  clearTimeout(windowStart);
  await Promise.all([...senders, ...consumers]);
  await queue.close();
  await emulator.stop();
  return result;
}

const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-bench-queue-"));
try {
  log(
    `${args.rounds} round(s) of ${args.seconds} s each, ${args.senders} senders, ${args.consumers} consumers, ${args.bodyBytes}-byte bodies`,
  );
  const memory: number[] = [];
  const persisted: number[] = [];
  for (let round = 1; round <= args.rounds; round++) {
    memory.push((await measure(undefined)).deletedPerSec);
    log(`round ${round}: in memory ${memory.at(-1)} msg/s sent, received and deleted`);
    const dir = path.join(dataDir, `sqs-${round}`);
    persisted.push((await measure(dir)).deletedPerSec);
    log(`round ${round}: persisted (SQLite) ${persisted.at(-1)} msg/s`);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  console.log(
    JSON.stringify({
      args,
      memory,
      persisted,
      median: { memory: median(memory), persisted: median(persisted) },
    }),
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
