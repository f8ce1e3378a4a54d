import { alarmSecretsKeyFrom, deliveryRetentionMsFrom, startAlarmRuntime } from "@revolv/alarms";
import { createDatabase, databaseConfigFrom } from "@revolv/db";
import { sqsCredentialsFrom } from "@revolv/env";
import { ingestTuningFrom, startIngestWorker } from "@revolv/ingest";
import { createLogger, lineLogger } from "@revolv/observability/logger";
import { collectProcessMetrics, serveMetrics } from "@revolv/observability/metrics";
import { flushErrorReports, initErrorReporting, reportError } from "@revolv/observability/sentry";
import { createQueueClient, resolveDeadLetterQueue } from "@revolv/queue";
import { applyRetention, clickhouseConfigFrom, createClickHouse, migrateClickHouse } from "@revolv/telemetry";
import { formatIssues } from "@revolv/validators";
import { ingestEnvSchema } from "./env";

/** The standalone worker: `pnpm --filter @revolv/ingest-worker start`. SIGTERM/SIGINT stop it gracefully. */
const parsed = ingestEnvSchema.safeParse(process.env);
if (!parsed.success) {
  console.error(`[ingest] invalid configuration: ${formatIssues(parsed.error)}`);
  process.exit(1);
}
const env = parsed.data;
const logger = createLogger({ name: "ingest", level: env.LOG_LEVEL, pretty: env.NODE_ENV === "development" });
const log = lineLogger(logger);
initErrorReporting({ dsn: env.SENTRY_DSN, environment: env.SENTRY_ENVIRONMENT, service: "ingest" });
collectProcessMetrics();

const chConfig = clickhouseConfigFrom(env);
const dbConfig = databaseConfigFrom(env);
const clickhouse = createClickHouse(chConfig);
const database = createDatabase(dbConfig);
// Embedded engines have no one else to migrate them; a server is migrated by `pnpm db:migrate`.
if (chConfig.kind === "chdb") await migrateClickHouse(clickhouse.client);
if (dbConfig.kind === "pglite") await database.migrate();
for (const change of await applyRetention(clickhouse.client, env)) log(`retention ${change}`);

const queue = createQueueClient({
  region: env.AWS_REGION,
  endpoint: env.SQS_ENDPOINT,
  credentials: sqsCredentialsFrom(env),
  connections: env.INGEST_CONSUMERS * 2 + 16,
});

const deadLetterQueueUrl = await resolveDeadLetterQueue(queue, env.SQS_QUEUE_URL, env.SQS_DLQ_URL).catch(
  (error: unknown) => {
    logger.fatal(`no dead-letter queue: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);

// The embedded Postgres is a development setup: a key generated into DATA_DIR will do there.
const alarms = startAlarmRuntime({
  db: database.db,
  secretsKey: alarmSecretsKeyFrom(env, { production: dbConfig.kind !== "pglite", dataDir: env.DATA_DIR }),
  smtpUrl: env.SMTP_URL,
  emailFrom: env.ALARM_EMAIL_FROM,
  delivery: {
    ...(env.ALARM_RETRY_BASE_MS ? { baseBackoffMs: env.ALARM_RETRY_BASE_MS } : {}),
    ...(env.ALARM_ATTEMPT_TIMEOUT_MS ? { attemptTimeoutMs: env.ALARM_ATTEMPT_TIMEOUT_MS } : {}),
    retentionMs: deliveryRetentionMsFrom(env),
  },
  log: (line) => log(`alarms: ${line}`),
});

const worker = startIngestWorker({
  alarms: alarms.evaluator,
  onEvaluateStart:
    env.INGEST_ANNOUNCE_EVALUATIONS === "1"
      ? (readings) => log(`alarm evaluation starting: ${readings} reading(s)`)
      : undefined,
  queue,
  queueUrl: env.SQS_QUEUE_URL,
  deadLetterQueueUrl,
  clickhouse: clickhouse.client,
  db: database.db,
  ...ingestTuningFrom(env),
  log,
  logger,
  // Errors the worker survives (a failed insert, receive or delete) are logged and sent to Sentry.
  onError: (error, component) => reportError(error, { tags: { component } }),
  // Test-only: the chaos test SIGKILLs the worker the moment this line appears, mid-insert.
  // Written synchronously (stdout is a pipe), so it is out before the INSERT is sent.
  onInsertStart:
    env.INGEST_ANNOUNCE_INSERTS === "1" ? (rows) => log(`insert starting: ${rows} row(s)`) : undefined,
});
log(
  `consuming ${env.SQS_QUEUE_URL} with ${env.INGEST_CONSUMERS} consumer(s), dead letters to ${deadLetterQueueUrl}; clickhouse: ${chConfig.kind}`,
);
const metricsServer =
  env.INGEST_METRICS_PORT === undefined
    ? undefined
    : await serveMetrics({ port: env.INGEST_METRICS_PORT, token: env.METRICS_TOKEN });
if (metricsServer) log(`metrics on :${metricsServer.port}/metrics`);
// Lets a supervising process (tests, the ingest benchmark) know the worker is receiving.
process.send?.({ type: "ready" });

let shuttingDown = false;
async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  log(`${signal}: stopping`);
  await worker.stop();
  await alarms.stop();
  await metricsServer?.close();
  await queue.close();
  await flushErrorReports();
  // chDB aborts if closed mid-query; the worker is idle once stop() resolved.
  await Promise.allSettled([clickhouse.close(), database.close()]);
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
