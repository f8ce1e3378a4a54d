import { sqsEnvSchema } from "@revolv/env";
import { z } from "zod";
import type { IngestWorkerOptions } from "./worker";

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * How the worker consumes and batches. Shared by the standalone worker (apps/ingest) and the
 * worker the embedded stack runs, so one variable means the same in both.
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

/** Where the worker dead-letters, for the standalone worker and the embedded one alike (the env kit's). */
export const deadLetterQueueEnvSchema = sqsEnvSchema.pick({ SQS_DLQ_URL: true });
