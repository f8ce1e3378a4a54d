import { databaseEnvSchema } from "@revolv/db/env";
import { sqsEnvSchema, sqsQueueUrlSchema } from "@revolv/env";
import { clickhouseEnvSchema, retentionEnvSchema } from "@revolv/telemetry";
import { z } from "zod";
import type { IngestWorkerOptions } from "./worker";

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * How the worker consumes and batches. Shared by the standalone worker and the worker the
 * web app's embedded stack runs, so one variable means the same in both.
 */
export const ingestTuningEnvSchema = z.object({
  INGEST_CONSUMERS: positiveInt(8),
  INGEST_WAIT_TIME_SECONDS: z.coerce.number().int().min(0).max(20).default(20),
  INGEST_FLUSH_ROWS: positiveInt(20_000),
  INGEST_FLUSH_INTERVAL_MS: positiveInt(1_000),
  INGEST_DEVICE_CACHE_TTL_MS: positiveInt(30_000),
  INGEST_HOUR_ARCHIVE_REFRESH_MS: positiveInt(300_000),
});
export type IngestTuningEnv = z.infer<typeof ingestTuningEnvSchema>;

export function ingestTuningFrom(
  env: IngestTuningEnv,
): Pick<
  IngestWorkerOptions,
  | "consumers"
  | "waitTimeSeconds"
  | "flushRows"
  | "flushIntervalMs"
  | "deviceCacheTtlMs"
  | "hourArchiveRefreshMs"
> {
  return {
    consumers: env.INGEST_CONSUMERS,
    waitTimeSeconds: env.INGEST_WAIT_TIME_SECONDS,
    flushRows: env.INGEST_FLUSH_ROWS,
    flushIntervalMs: env.INGEST_FLUSH_INTERVAL_MS,
    deviceCacheTtlMs: env.INGEST_DEVICE_CACHE_TTL_MS,
    hourArchiveRefreshMs: env.INGEST_HOUR_ARCHIVE_REFRESH_MS,
  };
}

/**
 * The standalone worker's configuration, parsed once at start-up. Without CLICKHOUSE_URL it
 * opens chDB in DATA_DIR and without DATABASE_URL PGlite there, like the web app — which
 * means it must not run beside a web app on the same DATA_DIR (one process per chDB dir).
 */
export const ingestEnvSchema = z
  .object({
    SQS_QUEUE_URL: sqsQueueUrlSchema,
    /** Test-only: print a line right before each INSERT (the chaos test kills the worker on it). */
    INGEST_ANNOUNCE_INSERTS: z.enum(["0", "1"]).default("0"),
  })
  .extend(sqsEnvSchema.shape)
  .extend(ingestTuningEnvSchema.shape)
  .extend(databaseEnvSchema.shape)
  .extend(clickhouseEnvSchema.shape)
  .extend(retentionEnvSchema.shape);

export type IngestEnv = z.infer<typeof ingestEnvSchema>;
