/**
 * `pnpm bench:sqs-client [--rounds 6] [--cycles 300] [--concurrency 1] [--body-bytes 400]`:
 * CPU per SQS call of the lean client (src/queue-client.ts) against the AWS SDK's SQSClient,
 * with and without its MD5 checks (`md5: false`), all against fauxqs in a process of its own.
 * A cycle is what the bridge and the worker do: SendMessageBatch of 10, ReceiveMessage of up to
 * 10, DeleteMessageBatch of what came back. The clients take turns, round after round, so a busy
 * machine weighs on each alike. Progress goes to stderr; the last line is one JSON object.
 */
import { fork } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { createSqsClient } from "../src/client";
import { createQueueClient, type QueueClient } from "../src/queue-client";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "6" },
    cycles: { type: "string", default: "300" },
    concurrency: { type: "string", default: "1" },
    "body-bytes": { type: "string", default: "400" },
  },
});
const rounds = Number(values.rounds);
const cycles = Number(values.cycles);
const concurrency = Number(values.concurrency);
const body = JSON.stringify({ v: 1, pad: "x".repeat(Math.max(0, Number(values["body-bytes"]) - 20)) });
const log = (line: string) => console.error(`[bench:sqs-client] ${line}`);

interface Cycle {
  send(): Promise<void>;
  /** Receives and deletes; returns how many messages came back. */
  receiveAndDelete(): Promise<number>;
  close(): Promise<void>;
}

function leanCycle(client: QueueClient, queueUrl: string): Cycle {
  return {
    async send() {
      const failed = await client.sendBatch(
        queueUrl,
        Array.from({ length: 10 }, () => ({ body })),
      );
      if (failed.length > 0) throw new Error(`refused: ${JSON.stringify(failed)}`);
    },
    async receiveAndDelete() {
      const messages = await client.receive(queueUrl, { maxMessages: 10, waitTimeSeconds: 0 });
      if (messages.length > 0)
        await client.deleteBatch(
          queueUrl,
          messages.map((m) => m.receiptHandle),
        );
      return messages.length;
    },
    close: () => client.close(),
  };
}

function sdkCycle(client: SQSClient, queueUrl: string): Cycle {
  return {
    async send() {
      const out = await client.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Array.from({ length: 10 }, (_, i) => ({ Id: String(i), MessageBody: body })),
        }),
      );
      if (out.Failed?.length) throw new Error(`refused: ${JSON.stringify(out.Failed)}`);
    },
    async receiveAndDelete() {
      const out = await client.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
      );
      const messages = out.Messages ?? [];
      if (messages.length > 0) {
        await client.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
          }),
        );
      }
      return messages.length;
    },
    async close() {
      client.destroy();
    },
  };
}

const emulator = fork(path.join(import.meta.dirname, "emulator-process.ts"), [], {
  execArgv: ["--import", "tsx"],
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
try {
  const sqs = await new Promise<{ endpoint: string; region: string; queueUrl: string }>((resolve, reject) => {
    emulator.once("message", (message) => resolve(message as never));
    emulator.once("exit", (code) => reject(new Error(`fauxqs exited (${code}) before it was ready`)));
  });
  const { endpoint, region, queueUrl } = sqs;
  const clients: Record<string, Cycle> = {
    lean: leanCycle(createQueueClient({ endpoint, region, connections: concurrency * 2 }), queueUrl),
    sdk: sdkCycle(createSqsClient({ endpoint, region, maxSockets: concurrency * 2 }), queueUrl),
    "sdk md5:false": sdkCycle(
      createSqsClient({ endpoint, region, maxSockets: concurrency * 2, md5: false }),
      queueUrl,
    ),
  };
  const totals = Object.fromEntries(
    Object.keys(clients).map((name) => [name, { cpuUs: 0, calls: 0, wallMs: 0 }]),
  );

  /** `count` cycles, `concurrency` at a time; returns the calls made. */
  async function run(cycle: Cycle, count: number): Promise<number> {
    let calls = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          next += 1;
          await cycle.send();
          calls += (await cycle.receiveAndDelete()) > 0 ? 3 : 2;
        }
      }),
    );
    return calls;
  }

  log(`warming up (each client ${Math.ceil(cycles / 5)} cycles)`);
  for (const cycle of Object.values(clients)) await run(cycle, Math.ceil(cycles / 5));
  for (let round = 1; round <= rounds; round++) {
    // Rotate who goes first, so none always runs on a warmer or cooler machine.
    const names = Object.keys(clients);
    const order = [...names.slice(round % names.length), ...names.slice(0, round % names.length)];
    for (const name of order) {
      const cycle = clients[name] as Cycle;
      const total = totals[name] as { cpuUs: number; calls: number; wallMs: number };
      const cpu = process.cpuUsage();
      const started = performance.now();
      total.calls += await run(cycle, cycles);
      total.wallMs += performance.now() - started;
      const used = process.cpuUsage(cpu);
      total.cpuUs += used.user + used.system;
    }
    log(
      `round ${round}/${rounds}: ${Object.entries(totals)
        .map(([name, t]) => `${name} ${(t.cpuUs / t.calls).toFixed(0)} µs/call`)
        .join(" · ")}`,
    );
  }
  // Drain what is left, so the numbers above never measured a growing backlog alone.
  while ((await (clients.lean as Cycle).receiveAndDelete()) > 0);
  for (const cycle of Object.values(clients)) await cycle.close();

  const perCall = (name: string) => {
    const t = totals[name] as { cpuUs: number; calls: number };
    return t.cpuUs / t.calls;
  };
  const result = {
    rounds,
    cyclesPerRound: cycles,
    concurrency,
    bodyBytes: body.length,
    cpuUsPerCall: Object.fromEntries(Object.keys(clients).map((name) => [name, Math.round(perCall(name))])),
    callsPerSecond: Object.fromEntries(
      Object.entries(totals).map(([name, t]) => [name, Math.round((t.calls / t.wallMs) * 1000)]),
    ),
    sdkCpuOverLean: Number((perCall("sdk") / perCall("lean")).toFixed(2)),
    sdkNoMd5CpuOverLean: Number((perCall("sdk md5:false") / perCall("lean")).toFixed(2)),
  };
  log(
    `CPU per call: lean ${result.cpuUsPerCall.lean} µs, SDK ${result.cpuUsPerCall.sdk} µs (${result.sdkCpuOverLean}×), SDK md5:false ${result.cpuUsPerCall["sdk md5:false"]} µs (${result.sdkNoMd5CpuOverLean}×)`,
  );
  console.log(JSON.stringify(result));
} finally {
  emulator.kill("SIGTERM");
}
