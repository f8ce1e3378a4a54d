/**
 * `pnpm bench:ingest`: the whole telemetry pipeline on a fresh data directory, split over
 * processes as production runs it, plus the ceilings of its hops measured in the same run.
 *
 *   publisher (devices) ──MQTT──► edge (aedes + bridge) ──► SQS emulator (fauxqs) ──► worker (+ chDB)
 *                                      │ device auth                                      │ last_seen
 *                                      └───────────────► PostgreSQL server ◄──────────────┘
 *
 * Every part is its own process; the benchmark itself only orchestrates, reads queue depth for
 * the progress line and, once the worker has stopped, opens its chDB directory to compare what
 * was stored with what the broker acknowledged. The last line printed is one JSON object.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateDeviceCredential, hashDeviceCredential } from "@revolv/auth";
import { createDatabase, devices } from "@revolv/db";
import { createDeviceModel } from "@revolv/device-model";
import { startPostgresServer } from "@revolv/postgres-server";
import { createQueueClient } from "@revolv/queue";
import { createClickHouse } from "@revolv/telemetry";
import type { DeviceType } from "@revolv/validators";
import mqtt from "mqtt";
import { z } from "zod";
import type { FleetDevice, FleetStats } from "../src/fleet/fleet";
import { type ProcessUsage, type RoleProcess, startRole } from "./processes";
import { percentile, round } from "./stats";

const argsSchema = z.object({
  devices: z.coerce.number().int().min(1).max(20_000).default(1_000),
  /** Messages per second per device. */
  rate: z.coerce.number().positive().default(5),
  // The first 10 s (the fleet connecting) are left out of the steady-state rate.
  seconds: z.coerce.number().int().min(20).max(3_600).default(60),
  readings: z.coerce.number().int().min(1).max(16).default(3),
  consumers: z.coerce.number().int().min(1).max(64).default(8),
  /** The worker's flush age (INGEST_FLUSH_INTERVAL_MS); unset keeps the worker's default. */
  flushIntervalMs: z.coerce.number().int().positive().optional(),
  /** Seconds each ceiling (broker alone, SQS alone, ClickHouse alone) is measured. */
  baselineSeconds: z.coerce.number().int().min(3).max(120).default(10),
  /** `worker`: only the worker-alone phase (profiling the worker without the rest). */
  only: z.enum(["worker"]).optional(),
  /** Writes a V8 CPU profile of the worker (`node --cpu-prof`) into this directory. */
  workerCpuProf: z.string().min(1).optional(),
});
const { values } = parseArgs({
  options: Object.fromEntries(
    [
      "devices",
      "rate",
      "seconds",
      "readings",
      "consumers",
      "baseline-seconds",
      "flush-interval-ms",
      "only",
      "worker-cpu-prof",
    ].map((k) => [k, { type: "string" }]),
  ) as Record<string, { type: "string" }>,
});
const args = argsSchema.parse({
  ...values,
  baselineSeconds: values["baseline-seconds"],
  flushIntervalMs: values["flush-interval-ms"],
  workerCpuProf: values["worker-cpu-prof"],
});

const workDir = mkdtempSync(path.join(tmpdir(), "revolv-bench-ingest-"));
const startedAt = Date.now();
const log = (line: string) =>
  console.log(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)}s] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ingestRoot = path.resolve(import.meta.dirname, "../../ingest");
const sampleBody = (readings: number) =>
  JSON.stringify({
    v: 1,
    messageId: "bench-0000:1a2b",
    deviceTime: new Date().toISOString(),
    readings: [
      { metric: "bin_fill_pet_pct", value: 41.5 },
      { metric: "bin_fill_aluminium_pct", value: 12.25 },
      { metric: "bin_fill_glass_pct", value: 77.1 },
    ].slice(0, readings),
    deviceId: randomUUID(),
    receivedAt: Date.now(),
  });

log(
  `pipeline split: publisher | edge (aedes + MQTT→SQS bridge) | SQS emulator (fauxqs) | ingest worker + chDB | PostgreSQL; ${args.devices} devices × ${args.rate} msg/s = ${Math.round(args.devices * args.rate)} msg/s offered for ${args.seconds} s, ${args.readings} readings each`,
);

// Devices live in a real PostgreSQL server: the edge and the worker are separate processes.
const postgres = await startPostgresServer({ settings: { max_connections: 200 } });
const database = createDatabase({ kind: "pg", url: postgres.url });
await database.migrate();
const fleet: FleetDevice[] = Array.from({ length: args.devices }, (_, i) => ({
  id: randomUUID(),
  type: (i % 2 === 0 ? "rvm" : "soundbox") as DeviceType,
  credential: generateDeviceCredential(),
}));
for (let i = 0; i < fleet.length; i += 500) {
  await database.db.insert(devices).values(
    fleet.slice(i, i + 500).map((d, j) => ({
      id: d.id,
      type: d.type,
      serialNumber: `BENCH-${String(i + j).padStart(6, "0")}`,
      name: `Bench ${d.type} ${i + j}`,
      site: "Benchmark",
      credentialHash: hashDeviceCredential(d.credential),
    })),
  );
}
await database.close();
log(`postgres: ${fleet.length} devices registered`);

const cleanup: (() => Promise<unknown>)[] = [];
async function stopAll() {
  while (cleanup.length > 0) await (cleanup.pop() as () => Promise<unknown>)().catch(() => {});
}
process.on("SIGINT", () => void stopAll().then(() => process.exit(130)));

async function role<Ready>(
  name: string,
  script: string,
  env: Record<string, string> = {},
  nodeFlags: string[] = [],
) {
  const started = await startRole<Ready>(name, { script, env, nodeFlags });
  cleanup.push(() => started.stop(5_000));
  return started;
}

const publisherConfig = (mqttPort: number, ratePerDevice: number, extra: Record<string, unknown> = {}) => ({
  BENCH_PUBLISHER: JSON.stringify({
    mqttUrl: `mqtt://127.0.0.1:${mqttPort}`,
    devices: fleet,
    ratePerDevice,
    runId: randomUUID().slice(0, 8),
    readingsPerMessage: args.readings,
    ...extra,
  }),
});

/**
 * MQTT alone: the same fleet into a bare aedes, counted by one subscriber. The offer steps up
 * from twice the pipeline's; past the broker's ceiling the subscriber falls behind and aedes
 * drops QoS 0 deliveries, so the ceiling is the best rate delivered while it still kept up.
 */
async function brokerOnly(): Promise<number> {
  const broker = await role<{ mqttPort: number }>("broker-only", "broker-only.ts");
  const subscriber = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.ready.mqttPort}`, {
    clientId: "bench-sub",
  });
  let delivered = 0;
  subscriber.on("message", () => {
    delivered += 1;
  });
  await subscriber.subscribeAsync("devices/+/telemetry", { qos: 0 });
  let best = 0;
  for (const factor of [2, 3, 4, 6, 8]) {
    const offered = args.devices * args.rate * factor;
    const publisher = await startRole("publisher", {
      script: "publisher.ts",
      env: publisherConfig(broker.ready.mqttPort, args.rate * factor),
    });
    await sleep(1_500);
    const from = { at: Date.now(), delivered };
    await sleep((args.baselineSeconds * 1000) / 2);
    const rate = ((delivered - from.delivered) * 1000) / (Date.now() - from.at);
    publisher.send({ type: "stop" });
    await publisher.next("stopped");
    await publisher.stop();
    log(`  offered ${Math.round(offered)} msg/s: ${Math.round(rate)} delivered/s`);
    best = Math.max(best, rate);
    if (rate < offered * 0.9) break;
  }
  await subscriber.endAsync(true);
  await stopAll();
  return best;
}

/** SQS alone: the bridge's batcher sending, worker-shaped consumers receiving and deleting. */
async function sqsOnly(): Promise<number> {
  const sqs = await role<SqsReady>("sqs", "sqs-emulator.ts");
  const env = { SQS_ENDPOINT: sqs.ready.endpoint, SQS_QUEUE_URL: sqs.ready.queueUrl };
  const consumer = await role("sqs-consumer", "sqs-consumer.ts", {
    ...env,
    INGEST_CONSUMERS: String(args.consumers),
  });
  let deleted = 0;
  consumer.on<{ deleted: number }>("stats", (m) => {
    deleted = m.deleted;
  });
  const sender = await role("sqs-sender", "sqs-sender.ts", { ...env, BENCH_BODY: sampleBody(args.readings) });
  sender.send({ type: "start" });
  await sleep(3_000);
  const from = { at: Date.now(), deleted };
  await sleep(args.baselineSeconds * 1000);
  const rate = ((deleted - from.deleted) * 1000) / (Date.now() - from.at);
  sender.send({ type: "stop" });
  await sender.next("stopped");
  consumer.send({ type: "stop" });
  await consumer.next("stopped");
  await stopAll();
  return rate;
}

/** ClickHouse alone: worker-sized batch INSERTs into the real schema, projections and views included. */
async function clickhouseOnly(): Promise<number> {
  const insert = await role("clickhouse-insert", "clickhouse-insert.ts", {
    BENCH_SECONDS: String(args.baselineSeconds),
    BENCH_READINGS: String(args.readings),
  });
  const result = await insert.next<{ rows: number; seconds: number }>("stopped");
  await stopAll();
  return result.rows / result.seconds;
}

/**
 * The worker alone, the one part production runs as is: a queue filled in advance with
 * pipeline-shaped messages for the registered fleet, drained by the worker process.
 */
async function workerOnly(): Promise<{ messagesPerSec: number; cpuMicrosPerMessage: number }> {
  const sqs = await role<SqsReady>("sqs", "sqs-emulator.ts");
  const queue = createQueueClient({ region: "us-east-1", endpoint: sqs.ready.endpoint, connections: 16 });
  const count = args.baselineSeconds * 6_000;
  const models = fleet.map((d) => createDeviceModel(d.id, d.type, "worker-only"));
  const since = Date.now() - 60_000;
  const batches: string[][] = [];
  for (let i = 0; i < count; i += 10) {
    batches.push(
      Array.from({ length: Math.min(10, count - i) }, (_, j) => {
        const n = i + j;
        const message = (models[n % models.length] as ReturnType<typeof createDeviceModel>).nextMessage(
          since + n,
        );
        message.readings = message.readings.slice(0, args.readings);
        return JSON.stringify({
          ...message,
          deviceId: (fleet[n % fleet.length] as FleetDevice).id,
          receivedAt: since + n,
        });
      }),
    );
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < batches.length) {
        const batch = batches[next++] as string[];
        await queue.sendBatch(
          sqs.ready.queueUrl,
          batch.map((body) => ({ body })),
        );
      }
    }),
  );
  const worker = await startWorker(sqs.ready, path.join(workDir, "worker-only"), args.workerCpuProf);
  const started = Date.now();
  // Start-up (tsx compiling, migrations) is not per-message work.
  const cpuAtStart = worker.usage().cpuSeconds;
  for (;;) {
    const a = await queue.attributes(sqs.ready.queueUrl, [
      "ApproximateNumberOfMessages",
      "ApproximateNumberOfMessagesNotVisible",
    ]);
    if (Number(a.ApproximateNumberOfMessages) + Number(a.ApproximateNumberOfMessagesNotVisible) === 0) break;
    await sleep(100);
  }
  const rate = (count * 1000) / (Date.now() - started);
  const cpuMicrosPerMessage = ((worker.usage().cpuSeconds - cpuAtStart) * 1e6) / count;
  await queue.close();
  await worker.stop(60_000);
  await stopAll();
  return { messagesPerSec: rate, cpuMicrosPerMessage };
}

/** The standalone worker (`apps/ingest/src/main.ts`) on this queue, with its own chDB directory. */
function startWorker(sqs: SqsReady, dataDir: string, cpuProfDir?: string) {
  const nodeFlags = cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(cpuProfDir)}`] : [];
  return role(
    "worker",
    path.join(ingestRoot, "src/main.ts"),
    {
      SQS_ENDPOINT: sqs.endpoint,
      SQS_QUEUE_URL: sqs.queueUrl,
      SQS_DLQ_URL: sqs.deadLetterQueueUrl,
      DATABASE_URL: postgres.url,
      DATA_DIR: dataDir,
      INGEST_CONSUMERS: String(args.consumers),
      ...(args.flushIntervalMs && { INGEST_FLUSH_INTERVAL_MS: String(args.flushIntervalMs) }),
    },
    nodeFlags,
  );
}

interface SqsReady {
  endpoint: string;
  queueUrl: string;
  deadLetterQueueUrl: string;
}

interface PipelineRun {
  publisher: FleetStats;
  ackedFile: string;
  chdbDir: string;
  deadLettered: number;
  usage: Record<string, ProcessUsage>;
  /** CPU each part spent from when all were up until the queue drained. */
  cpuSeconds: Record<string, number>;
}

async function pipeline(): Promise<PipelineRun> {
  const sqs = await role<SqsReady>("sqs", "sqs-emulator.ts");
  const sqsEnv = { SQS_ENDPOINT: sqs.ready.endpoint, SQS_QUEUE_URL: sqs.ready.queueUrl };
  const workerDir = path.join(workDir, "worker");
  const worker = await startWorker(sqs.ready, workerDir);
  const edge = await role<{ mqttPort: number }>("edge", "device-edge.ts", {
    ...sqsEnv,
    DATABASE_URL: postgres.url,
  });
  const ackedFile = path.join(workDir, "acked.txt");
  const publisher = await role(
    "publisher",
    "publisher.ts",
    publisherConfig(edge.ready.mqttPort, args.rate, { ackedFile }),
  );
  const processes: RoleProcess<unknown>[] = [publisher, edge, sqs, worker];
  // Start-up (tsx compiling, migrations, connecting the fleet) is not per-message work.
  const usageAtStart = Object.fromEntries(processes.map((p) => [p.name, p.usage().cpuSeconds]));
  let stats: FleetStats | undefined;
  publisher.on<{ stats: FleetStats }>("stats", (m) => {
    stats = m.stats;
  });

  const queue = createQueueClient({ region: "us-east-1", endpoint: sqs.ready.endpoint, connections: 2 });
  const depth = async () => {
    const a = await queue.attributes(sqs.ready.queueUrl, [
      "ApproximateNumberOfMessages",
      "ApproximateNumberOfMessagesNotVisible",
    ]);
    return Number(a.ApproximateNumberOfMessages ?? 0) + Number(a.ApproximateNumberOfMessagesNotVisible ?? 0);
  };
  const progress = async (phase: string) => {
    const cpu = processes.map((p) => `${p.name} ${p.usage().cpuSeconds}s`).join(", ");
    log(
      `${phase}: ${stats?.acked ?? 0} acked of ${stats?.published ?? 0} published, ${stats?.connected ?? 0} connected, queue ${await depth()} · cpu ${cpu}`,
    );
  };
  const publishUntil = Date.now() + args.seconds * 1000;
  while (Date.now() < publishUntil) {
    await sleep(Math.min(5_000, publishUntil - Date.now()));
    await progress("publishing");
  }
  publisher.send({ type: "stop" });
  const { stats: final } = await publisher.next<{ stats: FleetStats }>("stopped");
  log(
    `publisher stopped: ${final.acked} acked, ${final.failed} failed, ${final.missed} missed while offline`,
  );

  // Drained: the queue stays empty across two checks a flush interval apart.
  const drainDeadline = Date.now() + 180_000;
  for (let empty = 0; empty < 2 && Date.now() < drainDeadline; ) {
    await sleep(1_000);
    empty = (await depth()) === 0 ? empty + 1 : 0;
    await progress("draining");
  }
  const deadLettered = Number(
    (await queue.attributes(sqs.ready.deadLetterQueueUrl, ["ApproximateNumberOfMessages"]))
      .ApproximateNumberOfMessages ?? 0,
  );
  await queue.close();
  const usage = Object.fromEntries(processes.map((p) => [p.name, p.usage()]));
  const cpuSeconds = Object.fromEntries(
    processes.map((p) => [p.name, (usage[p.name] as ProcessUsage).cpuSeconds - (usageAtStart[p.name] ?? 0)]),
  );
  // Graceful stops, in pipeline order: the worker flushes and deletes before it exits.
  for (const part of [publisher, edge, worker]) {
    await part.stop(60_000);
    log(`${part.name} stopped`);
  }
  await stopAll();
  return {
    publisher: final,
    ackedFile,
    chdbDir: path.join(workerDir, "chdb"),
    deadLettered,
    usage,
    cpuSeconds,
  };
}

/** Compares what the broker acknowledged with what ClickHouse stored, message by message. */
async function analyse(run: PipelineRun) {
  const clickhouse = createClickHouse({ kind: "chdb", dataDir: run.chdbDir });
  const stored = await clickhouse.client
    .query({
      query: `SELECT toString(device_id), message_id, count(), toUnixTimestamp64Milli(min(inserted_at))
              FROM telemetry_readings GROUP BY device_id, message_id`,
      format: "JSONCompactEachRow",
    })
    .then((r) => r.json<[string, string, string, string]>());
  const [[duplicated] = [0]] = await clickhouse.client
    .query({
      // A message stored twice shows as readings stored twice.
      query: `SELECT uniqExact(device_id, message_id) FROM (
                SELECT device_id, message_id, metric, at, count() AS c FROM telemetry_readings
                GROUP BY device_id, message_id, metric, at HAVING c > 1)`,
      format: "JSONCompactEachRow",
    })
    .then((r) => r.json<[number]>());
  await clickhouse.close();

  const storedAt = new Map<string, number>();
  const rowsOf = new Map<string, number>();
  let lastInsertedAt = 0;
  for (const [deviceId, messageId, rows, insertedAt] of stored) {
    storedAt.set(`${deviceId} ${messageId}`, Number(insertedAt));
    rowsOf.set(`${deviceId} ${messageId}`, Number(rows));
    lastInsertedAt = Math.max(lastInsertedAt, Number(insertedAt));
  }
  const acked = readFileSync(run.ackedFile, "utf8").split("\n").filter(Boolean);
  const latencies = new Float64Array(acked.length);
  let lost = 0;
  let firstPublishedAt = Number.POSITIVE_INFINITY;
  let lastPublishedAt = 0;
  let measured = 0;
  for (const line of acked) {
    const [deviceId, messageId, publishedAt] = line.split(" ");
    const at = storedAt.get(`${deviceId} ${messageId}`);
    firstPublishedAt = Math.min(firstPublishedAt, Number(publishedAt));
    lastPublishedAt = Math.max(lastPublishedAt, Number(publishedAt));
    if (at === undefined) lost += 1;
    else latencies[measured++] = at - Number(publishedAt);
  }
  const sorted = latencies.subarray(0, measured).sort();
  // Steady state: what was stored per second while the whole fleet was publishing, leaving out
  // the fleet connecting (first seconds) and the last flush after it stopped. A pipeline that
  // keeps up stores what is offered; one that falls behind stores less, and its latency grows.
  const steadyFrom = firstPublishedAt + 10_000;
  let steadyMessages = 0;
  let steadyRows = 0;
  for (const [key, insertedAt] of storedAt) {
    if (insertedAt < steadyFrom || insertedAt > lastPublishedAt) continue;
    steadyMessages += 1;
    steadyRows += rowsOf.get(key) ?? 0;
  }
  const steadySeconds = (lastPublishedAt - steadyFrom) / 1000;
  const wholeRunSeconds = (lastInsertedAt - firstPublishedAt) / 1000;
  return {
    published: run.publisher.published,
    acked: acked.length,
    stored: stored.length,
    messagesPerSec: round(steadyMessages / steadySeconds),
    readingsPerSec: round(steadyRows / steadySeconds),
    /** Everything stored over first publish → last insert, ramp and tail included. */
    messagesPerSecWholeRun: round(stored.length / wholeRunSeconds),
    latencyMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) },
    lost,
    duplicated: Number(duplicated),
    deadLettered: run.deadLettered,
  };
}

async function workerOnlyReport() {
  log("the ingest worker alone (draining a queue filled in advance)");
  const { messagesPerSec, cpuMicrosPerMessage } = await workerOnly();
  log(`  worker alone: ${round(messagesPerSec)} msg/s, ${round(cpuMicrosPerMessage)} µs CPU per message`);
  console.log(
    JSON.stringify({
      readingsPerMessage: args.readings,
      workerOnlyMessagesPerSec: round(messagesPerSec),
      workerOnlyCpuMicrosPerMessage: round(cpuMicrosPerMessage),
    }),
  );
}

try {
  if (args.only === "worker") {
    await workerOnlyReport();
  } else await fullRun();
} finally {
  await stopAll();
  await postgres.stop();
  rmSync(workDir, { recursive: true, force: true });
}

async function fullRun() {
  log("ceiling 1/4: MQTT alone (bare aedes, one subscriber)");
  const brokerOnlyMessagesPerSec = await brokerOnly();
  log(`  broker alone: ${round(brokerOnlyMessagesPerSec)} msg/s`);
  log("ceiling 2/4: SQS alone (fauxqs, bridge batcher → worker-shaped consumers)");
  const sqsOnlyMessagesPerSec = await sqsOnly();
  log(`  SQS alone: ${round(sqsOnlyMessagesPerSec)} msg/s`);
  log("ceiling 3/4: ClickHouse alone (batch inserts into the real schema)");
  const clickhouseInsertRowsPerSec = await clickhouseOnly();
  log(`  ClickHouse alone: ${round(clickhouseInsertRowsPerSec)} rows/s`);
  log("ceiling 4/4: the ingest worker alone (draining a queue filled in advance)");
  const workerAlone = await workerOnly();
  const workerOnlyMessagesPerSec = workerAlone.messagesPerSec;
  log(
    `  worker alone: ${round(workerOnlyMessagesPerSec)} msg/s, ${round(workerAlone.cpuMicrosPerMessage)} µs CPU per message`,
  );

  log("pipeline");
  const run = await pipeline();
  const result = await analyse(run);
  const summary = {
    split: "publisher | edge (aedes + bridge) | sqs (fauxqs) | worker (+ chDB) | postgres",
    devices: args.devices,
    offeredMessagesPerSec: round(args.devices * args.rate),
    readingsPerMessage: args.readings,
    seconds: args.seconds,
    ...result,
    peakRssMb: Object.fromEntries(Object.entries(run.usage).map(([name, u]) => [name, u.peakRssMb])),
    // Where the time goes: CPU per stored message, by process (the machine has two cores).
    cpuMicrosPerMessage: Object.fromEntries(
      Object.entries(run.cpuSeconds).map(([name, seconds]) => [name, round((seconds * 1e6) / result.stored)]),
    ),
    brokerOnlyMessagesPerSec: round(brokerOnlyMessagesPerSec),
    sqsOnlyMessagesPerSec: round(sqsOnlyMessagesPerSec),
    clickhouseInsertRowsPerSec: round(clickhouseInsertRowsPerSec),
    workerOnlyMessagesPerSec: round(workerOnlyMessagesPerSec),
    workerOnlyCpuMicrosPerMessage: round(workerAlone.cpuMicrosPerMessage),
    /** Readings the worker alone drained per second, as a share of ClickHouse's insert ceiling. */
    workerOnlyShareOfInsertCeiling: round(
      (workerOnlyMessagesPerSec * args.readings) / clickhouseInsertRowsPerSec,
      2,
    ),
    pipelineShareOfSqsOnly: round(result.messagesPerSec / sqsOnlyMessagesPerSec, 2),
  };
  console.log(JSON.stringify(summary));
}
