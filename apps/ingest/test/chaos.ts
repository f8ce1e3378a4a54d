import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createDatabase } from "@revolv/db";
import {
  message,
  queueDepth,
  type RegisteredDevice,
  registerDevice,
  ruleBody,
  sendBodies,
  sqsClientFor,
  tempDir,
  until,
} from "@revolv/ingest/testing";
import { spawnOwned } from "@revolv/owned-process";
import { startPostgresServer } from "@revolv/postgres-server";
import { createClickHouse } from "@revolv/telemetry";
import type { Reading } from "@revolv/validators";
import { auditStorage, type SentMessages, type StorageAudit } from "./storage-audit";
import { bundleWorker } from "./worker-bundle";
import { spawnWorker, type WorkerProcess } from "./worker-process";

export interface ChaosOptions {
  messages: number;
  /** SIGKILLs of the worker: alternately at a random moment and right as an insert starts. */
  kills: number;
  /** Messages per second sent while the worker is being killed. */
  rate: number;
  devices?: number;
  log?: (line: string) => void;
}

export interface ChaosResult extends StorageAudit {
  kills: { random: number; atInsert: number };
  deadLettered: number;
  seconds: number;
}

interface SqsProcess {
  endpoint: string;
  region: string;
  queueUrl: string;
  deadLetterQueueUrl: string;
}

/** fauxqs in its own process; resolves once it listens. */
async function startSqsProcess(): Promise<{ child: ChildProcess; sqs: SqsProcess }> {
  // Owned, like every process here: an interrupted run leaves no emulator or worker behind.
  const child = spawnOwned(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "sqs-emulator-process.ts")],
    { stdio: ["ignore", "ignore", "inherit", "ipc"] },
  );
  const sqs = await new Promise<SqsProcess>((resolve, reject) => {
    child.once("message", (m) => resolve(m as SqsProcess));
    child.once("exit", (code) =>
      reject(new Error(`the SQS emulator process exited (${code}) before it was ready`)),
    );
  });
  return { child, sqs };
}

/**
 * A month boundary in the past with room for every message after it: half the messages fall
 * before it and half after, so batches span two partitions (one part each per INSERT).
 */
function monthBoundaryBefore(now: number, spanMs: number): number {
  const d = new Date(now - spanMs);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

interface StandbyWorker {
  /** Starts the worker (it opens chDB now) and resolves once it is receiving. */
  go(): Promise<WorkerProcess>;
  kill(): void;
}

/** A worker process with its modules loaded, waiting for the word to start (test/worker-standby.ts, bundled). */
async function startStandbyWorker(bundle: string, env: Record<string, string>): Promise<StandbyWorker> {
  const worker = spawnWorker([bundle], env);
  const spawnedAt = Date.now();
  await worker.nextMessage("loaded");
  if (process.env.CHAOS_TIMING) console.error(`standby loaded in ${Date.now() - spawnedAt} ms`);
  return {
    async go() {
      const ready = worker.nextMessage("ready");
      const goAt = Date.now();
      worker.child.send({ type: "go" });
      await ready;
      if (process.env.CHAOS_TIMING) console.error(`go → ready in ${Date.now() - goAt} ms`);
      return worker;
    },
    kill: () => worker.child.kill("SIGKILL"),
  };
}

/** The worker's output from now on: resolves at the first line matching, or at the deadline. */
function nextLine(worker: WorkerProcess, pattern: RegExp, deadlineMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      if (pattern.test(chunk.toString())) finish(true);
    };
    const timer = setTimeout(() => finish(false), deadlineMs);
    const finish = (found: boolean) => {
      clearTimeout(timer);
      worker.child.stdout?.off("data", onData);
      worker.child.off("exit", onExit);
      resolve(found);
    };
    const onExit = () => finish(false);
    worker.child.stdout?.on("data", onData);
    worker.child.once("exit", onExit);
  });
}

/**
 * Sends `messages` device messages at `rate` while killing the standalone worker (its own
 * process, on chDB) `kills` times with SIGKILL, then lets a last worker drain the queue and
 * holds what ClickHouse stored against what was sent. fauxqs runs in a process of its own and
 * PostgreSQL is a real server (the worker processes share it); everything is removed after.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const temp = tempDir("chaos");
  const postgres = await startPostgresServer();
  const database = createDatabase({ kind: "pg", url: postgres.url });
  const queueProcess = await startSqsProcess();
  const bundle = await bundleWorker(path.join(temp.dir, "worker.mjs"));
  const { sqs: emulator } = queueProcess;
  const sqs = sqsClientFor(emulator);
  let worker: WorkerProcess | undefined;
  const standbys: Promise<StandbyWorker>[] = [];
  try {
    await database.migrate();
    const fleet: RegisteredDevice[] = [];
    for (let i = 0; i < (options.devices ?? 4); i++) fleet.push(await registerDevice(database.db, "rvm"));

    const sent: SentMessages = new Map();
    const bodies: string[] = [];
    const boundary = monthBoundaryBefore(Date.now(), options.messages * 1_000);
    const first = boundary - Math.floor(options.messages / 2) * 1_000;
    const run = Date.now().toString(36);
    for (let i = 0; i < options.messages; i++) {
      const device = fleet[i % fleet.length] as RegisteredDevice;
      const at = first + i * 1_000;
      const readings: Reading[] = [
        { metric: "temperature_c", value: 20 + (i % 7) },
        { metric: "items_accepted", value: i % 5 },
      ];
      if (i % 3 === 0) readings.push({ metric: "bin_fill_pet_pct", value: i % 100 });
      // Some messages straddle the boundary themselves: one reading taken 30 min earlier.
      if (i % 4 === 0)
        readings.push({ metric: "items_rejected", value: i % 3, at: new Date(at - 1_800_000).toISOString() });
      const messageId = `chaos-${run}-${i}`;
      sent.set(`${device.id}|${messageId}`, readings.length);
      bodies.push(ruleBody(device.id, message(messageId, at, readings)));
    }

    let sentSoFar = 0;
    const sending = (async () => {
      const started = Date.now();
      for (let i = 0; i < bodies.length; i += 10) {
        const dueAt = started + (i / options.rate) * 1_000;
        if (dueAt > Date.now()) await sleep(dueAt - Date.now());
        await sendBodies(sqs, emulator.queueUrl, bodies.slice(i, i + 10));
        sentSoFar = Math.min(bodies.length, i + 10);
      }
    })();

    const workerEnv = {
      SQS_ENDPOINT: emulator.endpoint,
      SQS_QUEUE_URL: emulator.queueUrl,
      SQS_DLQ_URL: emulator.deadLetterQueueUrl,
      AWS_REGION: emulator.region,
      DATABASE_URL: postgres.url,
      DATA_DIR: temp.dir,
      INGEST_CONSUMERS: "4",
      INGEST_WAIT_TIME_SECONDS: "1",
      INGEST_FLUSH_ROWS: "300",
      INGEST_FLUSH_INTERVAL_MS: "150",
      // V8's code cache for the bundle every worker loads again: a little less start-up each.
      NODE_COMPILE_CACHE: path.join(temp.dir, "compile-cache"),
      // Often, so kills land in archive refreshes too.
      INGEST_HOUR_ARCHIVE_REFRESH_MS: "700",
      INGEST_ANNOUNCE_INSERTS: "1",
    };
    const kills = { random: 0, atInsert: 0 };
    // The next worker loads its modules while the current one runs; it opens chDB only when
    // told, once the one before it is dead. (Two loading ahead only fight over the CPU.)
    const spawnStandby = (announce: boolean) => {
      const starting = startStandbyWorker(bundle, {
        ...workerEnv,
        INGEST_ANNOUNCE_INSERTS: announce ? "1" : "0",
      });
      standbys.push(starting);
      return starting;
    };
    const queued = [spawnStandby(options.kills > 0)];
    for (let k = 0; k < options.kills; k++) {
      worker = await ((await queued.shift()) as StandbyWorker).go();
      queued.push(spawnStandby(k + 1 < options.kills));
      let atInsert = false;
      if (k % 2 === 1) {
        // Right as a flush sends its INSERT (the worker prints the line synchronously just
        // before), sometimes a few milliseconds into it: between the parts an INSERT commits.
        atInsert =
          /insert starting/.test(worker.output()) || (await nextLine(worker, /insert starting/, 5_000));
        if (atInsert && k % 4 === 3) await sleep(Math.random() * 40);
      } else {
        await sleep(100 + Math.random() * 1_000);
      }
      worker.child.kill("SIGKILL");
      await worker.exited;
      if (atInsert) kills.atInsert += 1;
      else kills.random += 1;
      log(
        `${((Date.now() - started) / 1000).toFixed(1)} s: kill ${k + 1}/${options.kills} ${atInsert ? "at an insert" : "at a random moment"}; ${sentSoFar} sent`,
      );
    }
    await sending;

    log(`${((Date.now() - started) / 1000).toFixed(1)} s: kills done, draining`);
    worker = await ((await queued.shift()) as StandbyWorker).go();
    await until(
      async () => (await queueDepth(sqs, emulator.queueUrl)).total === 0,
      "the last worker has drained the queue",
      240_000,
    );
    log(`${((Date.now() - started) / 1000).toFixed(1)} s: drained`);
    const exit = await worker.stop();
    if (exit.code !== 0) throw new Error(`the last worker did not stop cleanly: ${JSON.stringify(exit)}`);
    const deadLettered = (await queueDepth(sqs, emulator.deadLetterQueueUrl)).total;

    // Every worker has exited: this process may open their chDB directory now.
    const clickhouse = createClickHouse({ kind: "chdb", dataDir: path.join(temp.dir, "chdb") });
    try {
      const audit = await auditStorage(clickhouse.client, sent);
      return { ...audit, kills, deadLettered, seconds: Math.round((Date.now() - started) / 100) / 10 };
    } finally {
      await clickhouse.close();
    }
  } finally {
    for (const standby of await Promise.allSettled(standbys))
      if (standby.status === "fulfilled") standby.value.kill();
    if (worker && worker.child.exitCode === null && worker.child.signalCode === null) {
      worker.child.kill("SIGKILL");
      await worker.exited;
    }
    sqs.destroy();
    queueProcess.child.kill("SIGTERM");
    await database.close();
    await postgres.stop();
    temp.cleanup();
  }
}
