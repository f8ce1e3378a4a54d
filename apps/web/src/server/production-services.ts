import type { ClickHouseClient } from "@clickhouse/client";
import { SecretBox } from "@revolv/alarms";
import type { PipelineQueues, Services } from "@revolv/api";
import { hashPassword } from "@revolv/auth";
import { createDatabase, databaseConfigFrom, seedDatabase } from "@revolv/db";
import { sqsCredentialsFrom } from "@revolv/env";
import { createQueueClient, deadLetterQueueResolver } from "@revolv/queue";
import { clickhouseConfigFrom, createClickHouse } from "@revolv/telemetry";
import type { ServerEnv } from "../env";

/** What the production server opens, and how it closes it again. */
export interface ProductionServices {
  services: Services;
  stop(): Promise<void>;
}

export const clickhouseNotConfigured =
  "CLICKHOUSE_URL is not set: production reads telemetry from a ClickHouse server (or set REVOLV_EMBEDDED=1 to run on the embedded engines)";

/**
 * Stands in for ClickHouse when no server is configured: every call rejects with the reason,
 * so `/api/health` reports it and telemetry requests fail with it, while the rest of the app
 * (sign-in, devices, users) keeps working. Production never opens chDB: it is not installed
 * in the image.
 */
function unconfiguredClickHouse(): ClickHouseClient {
  const refuse = async () => {
    throw new Error(clickhouseNotConfigured);
  };
  return new Proxy({} as ClickHouseClient, {
    get: (_target, property) => (property === "close" ? async () => {} : refuse),
  });
}

/**
 * The queues the pipeline page reads and redrives, when the web app is given SQS_QUEUE_URL (its
 * task role then needs the actions of `pipelineSqsAccess`, `@revolv/api/pipeline-sqs-access`).
 * Without it the page says the queue is not configured.
 */
function pipelineQueuesFrom(env: ServerEnv): PipelineQueues | undefined {
  if (!env.SQS_QUEUE_URL) return undefined;
  const client = createQueueClient({
    region: env.AWS_REGION,
    endpoint: env.SQS_ENDPOINT,
    connections: 4,
    credentials: sqsCredentialsFrom(env),
  });
  return {
    client,
    queueUrl: env.SQS_QUEUE_URL,
    deadLetterQueueUrl: deadLetterQueueResolver(client, env.SQS_QUEUE_URL, env.SQS_DLQ_URL),
  };
}

/**
 * The engines of a production web instance, from its configuration alone: Postgres at
 * DATABASE_URL and ClickHouse at CLICKHOUSE_URL. No embedded engine, device edge or worker
 * (`@revolv/stack` is not in the image), and no migrations: `pnpm db:migrate` applies them
 * as a one-off task before a deploy. The first admin is still created while none exists.
 */
export async function openProductionServices(
  env: ServerEnv,
  log: (line: string) => void,
): Promise<ProductionServices> {
  const dbConfig = databaseConfigFrom(env);
  if (dbConfig.kind === "pglite") throw new Error("DATABASE_URL is required in production");
  const chConfig = clickhouseConfigFrom(env);
  const database = createDatabase(dbConfig);
  const clickhouse = chConfig.kind === "http" ? createClickHouse(chConfig) : undefined;
  const queues = pipelineQueuesFrom(env);
  log(
    `postgres: ${dbConfig.kind}; clickhouse: ${clickhouse ? "http" : "not configured (CLICKHOUSE_URL unset)"}; sqs: ${queues ? queues.queueUrl : "not configured (SQS_QUEUE_URL unset; the pipeline page cannot read the queues)"}`,
  );
  try {
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
  } catch (error) {
    await Promise.allSettled([database.close(), clickhouse?.close(), queues?.client.close()]);
    throw error;
  }
  return {
    services: {
      db: database.db,
      clickhouse: clickhouse?.client ?? unconfiguredClickHouse(),
      // Production reads the key from ALARM_SECRETS_KEY only; without it webhooks are refused.
      alarmSecrets: env.ALARM_SECRETS_KEY ? new SecretBox(env.ALARM_SECRETS_KEY) : undefined,
      queues,
    },
    async stop() {
      await Promise.allSettled([database.close(), clickhouse?.close(), queues?.client.close()]);
    },
  };
}
