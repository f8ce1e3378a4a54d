import path from "node:path";
import {
  type AlarmRuntime,
  type AlarmsEnv,
  alarmSecretsKeyFrom,
  deliveryRetentionMsFrom,
  SecretBox,
  startAlarmRuntime,
} from "@revolv/alarms";
import type { Services } from "@revolv/api";
import { hashPassword } from "@revolv/auth";
import { type DeviceEdge, type EdgeEnv, edgeConfigFrom, startDeviceEdge } from "@revolv/broker";
import { createDatabase, databaseConfigFrom, seedDatabase } from "@revolv/db";
import {
  type deadLetterQueueEnvSchema,
  type IngestTuningEnv,
  type IngestWorker,
  ingestTuningFrom,
  startIngestWorker,
} from "@revolv/ingest";
import type { Logger, LogLine } from "@revolv/observability/logger";
import { createQueueClient, deadLetterQueueResolver, resolveDeadLetterQueue } from "@revolv/queue";
import { applyRetention, clickhouseConfigFrom, createClickHouse, migrateClickHouse } from "@revolv/telemetry";
import type { z } from "zod";

/**
 * What the stack reads of the configuration: the engines', the edge's and the worker's own
 * variables, plus the few the web server's schema defines (apps/web/src/env.ts), which parses
 * them once at start-up and satisfies this type.
 */
export type StackEnv = Parameters<typeof databaseConfigFrom>[0] &
  Parameters<typeof clickhouseConfigFrom>[0] &
  Parameters<typeof applyRetention>[1] &
  EdgeEnv &
  IngestTuningEnv &
  z.infer<typeof deadLetterQueueEnvSchema> &
  AlarmsEnv & {
    NODE_ENV: "development" | "production" | "test";
    /** Runs the device edge (and with chDB the worker) in production too, e.g. to try `pnpm start`. */
    REVOLV_EMBEDDED: boolean;
    ADMIN_EMAIL?: string | undefined;
    ADMIN_USERNAME?: string | undefined;
    ADMIN_PASSWORD?: string | undefined;
  };

export interface Stack {
  /** The engines request handlers use, open until `stop`. */
  services: Services;
  /** Devices first, then the worker, the queue and the engines. */
  stop(): Promise<void>;
}

/**
 * Opens every engine the app needs in this process. Migrations run here when the engine
 * is embedded or we are not in production; production applies them with `pnpm db:migrate`.
 */
export async function startStack(
  env: StackEnv,
  log: LogLine,
  options: { logger?: Logger | undefined } = {},
): Promise<Stack> {
  const dbConfig = databaseConfigFrom(env);
  const chConfig = clickhouseConfigFrom(env);
  const database = createDatabase(dbConfig);
  const clickhouse = createClickHouse(chConfig);
  const production = env.NODE_ENV === "production";

  if (!production || dbConfig.kind === "pglite") {
    await database.migrate();
    log(
      `postgres: ${dbConfig.kind}${dbConfig.kind === "pglite" ? ` at ${dbConfig.dataDir}` : ""}, migrations applied`,
    );
  }
  if (!production || chConfig.kind === "chdb") {
    const { applied } = await migrateClickHouse(clickhouse.client);
    log(
      `clickhouse: ${chConfig.kind}${chConfig.kind === "chdb" ? ` at ${chConfig.dataDir}` : ""}, ${applied.length} migration(s) applied`,
    );
    for (const change of await applyRetention(clickhouse.client, env)) log(`clickhouse retention ${change}`);
  }

  const seeded = await seedDatabase(database.db, {
    hashPassword,
    adminEmail: env.ADMIN_EMAIL,
    adminUsername: env.ADMIN_USERNAME,
    adminPassword: env.ADMIN_PASSWORD,
  });
  if (seeded.admin?.generatedPassword) {
    // Printed once, at creation; it is not stored anywhere but as an argon2id hash.
    log(
      `first admin created: ${seeded.admin.email} / password ${seeded.admin.generatedPassword} (shown once; change it after signing in)`,
    );
  } else if (seeded.admin) {
    log(`first admin created: ${seeded.admin.email} (password from ADMIN_PASSWORD)`);
  }

  // The device edge: fauxqs (unless SQS_QUEUE_URL names a real queue), the MQTT → SQS
  // bridge and the aedes broker. In production devices talk to AWS IoT Core instead.
  let edge: DeviceEdge | undefined;
  try {
    if (!production || env.REVOLV_EMBEDDED) {
      edge = await startDeviceEdge({
        db: database.db,
        // Persisted, so what devices were acknowledged for outlives a restart of `pnpm dev`.
        config: edgeConfigFrom(env, { emulatorDataDir: path.join(env.DATA_DIR, "sqs") }),
        deadLetterQueueUrl: env.SQS_DLQ_URL,
        log,
      });
    }
  } catch (error) {
    await Promise.allSettled([database.close(), clickhouse.close()]);
    throw error;
  }

  const secretsKey = alarmSecretsKeyFrom(env, { production, dataDir: env.DATA_DIR });
  // With chDB no other process can write ClickHouse, so the ingest worker runs here, on the
  // same client. With a ClickHouse server it runs on its own (`pnpm --filter @revolv/ingest-worker start`).
  let ingest: { worker: IngestWorker; alarms: AlarmRuntime; closeQueue(): Promise<void> } | undefined;
  if (edge && chConfig.kind === "chdb") {
    const tuning = ingestTuningFrom(env);
    const queue = createQueueClient({
      endpoint: edge.sqs.endpoint,
      region: edge.sqs.region,
      connections: (tuning.consumers ?? 8) * 2 + 16,
    });
    try {
      const deadLetterQueueUrl = await resolveDeadLetterQueue(
        queue,
        edge.sqs.queueUrl,
        edge.sqs.deadLetterQueueUrl ?? env.SQS_DLQ_URL,
      );
      // Alarm rules are judged as batches are stored; notifications leave from the outbox.
      const alarms = startAlarmRuntime({
        db: database.db,
        secretsKey,
        smtpUrl: env.SMTP_URL,
        emailFrom: env.ALARM_EMAIL_FROM,
        // The same retention as the standalone worker's, from the same variable.
        delivery: { retentionMs: deliveryRetentionMsFrom(env) },
        log: (line) => log(`alarms: ${line}`),
      });
      const worker = startIngestWorker({
        alarms: alarms.evaluator,
        queue,
        queueUrl: edge.sqs.queueUrl,
        deadLetterQueueUrl,
        clickhouse: clickhouse.client,
        db: database.db,
        ...tuning,
        log: (line, fields) => log(`ingest: ${line}`, fields),
        ...(options.logger && { logger: options.logger.child({ component: "ingest" }) }),
      });
      ingest = { worker, alarms, closeQueue: () => queue.close() };
      log(`ingest: worker consuming ${edge.sqs.queueUrl} with ${tuning.consumers} consumer(s) into chdb`);
    } catch (error) {
      await queue.close();
      await edge.stopBroker();
      await edge.stopQueue();
      await Promise.allSettled([database.close(), clickhouse.close()]);
      throw error;
    }
  }

  // The pipeline page reads and redrives the dead-letter queue on a client of its own, so its
  // scans never wait behind the worker's long polls.
  const pipelineQueue = edge
    ? createQueueClient({ endpoint: edge.sqs.endpoint, region: edge.sqs.region, connections: 4 })
    : undefined;

  return {
    services: {
      db: database.db,
      clickhouse: clickhouse.client,
      alarmSecrets: secretsKey ? new SecretBox(secretsKey) : undefined,
      queues:
        edge && pipelineQueue
          ? {
              client: pipelineQueue,
              queueUrl: edge.sqs.queueUrl,
              deadLetterQueueUrl: deadLetterQueueResolver(
                pipelineQueue,
                edge.sqs.queueUrl,
                edge.sqs.deadLetterQueueUrl ?? env.SQS_DLQ_URL,
              ),
            }
          : undefined,
    },
    async stop() {
      // Order matters: devices first (what SQS took is acked, the bridge flushes), then the
      // worker (it stores and deletes what it holds), then the queue, then the engines. chDB
      // aborts if closed mid-query; the HTTP server is closed first and the worker has
      // stopped, so it is idle here.
      await edge?.stopBroker();
      await ingest?.worker.stop();
      await ingest?.alarms.stop();
      await ingest?.closeQueue();
      await pipelineQueue?.close();
      await edge?.stopQueue();
      await Promise.allSettled([database.close(), clickhouse.close()]);
    },
  };
}
