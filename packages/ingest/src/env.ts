import { sqsEnvSchema } from "@revolv/env";
import {
  type DeviceType,
  defaultInactivityTimeoutSeconds,
  deviceTypeSchema,
  deviceTypes,
} from "@revolv/validators";
import { z } from "zod";
import type { InactivityTimeouts } from "./connectivity/sweep";
import type { IngestWorkerOptions } from "./worker";

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * `rvm=180,soundbox=90`: seconds without a message before a device of that type is offline.
 * A type left out keeps its default, 3× its reporting interval (`reportingIntervalSeconds`).
 */
const inactivityTimeoutsSchema = z
  .string()
  .optional()
  .transform((text, ctx): InactivityTimeouts => {
    const timeouts = Object.fromEntries(
      deviceTypes.map((t) => [t, defaultInactivityTimeoutSeconds(t)]),
    ) as Record<DeviceType, number>;
    for (const entry of (text ?? "")
      .split(",")
      .map((e) => e.trim())
      .filter(Boolean)) {
      const [type, seconds] = entry.split("=").map((part) => part.trim());
      const parsedType = deviceTypeSchema.safeParse(type);
      const parsedSeconds = z.coerce.number().positive().safeParse(seconds);
      if (!parsedType.success || !parsedSeconds.success) {
        ctx.addIssue({
          code: "custom",
          message: `"${entry}" is not <device type>=<seconds> (types: ${deviceTypes.join(", ")})`,
        });
        return z.NEVER;
      }
      timeouts[parsedType.data] = parsedSeconds.data;
    }
    return timeouts;
  });

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
  INGEST_CONNECTIVITY_SWEEP_MS: positiveInt(10_000),
  INGEST_INACTIVITY_TIMEOUTS: inactivityTimeoutsSchema,
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
  | "connectivitySweepMs"
  | "inactivityTimeouts"
> {
  return {
    consumers: env.INGEST_CONSUMERS,
    waitTimeSeconds: env.INGEST_WAIT_TIME_SECONDS,
    flushRows: env.INGEST_FLUSH_ROWS,
    flushIntervalMs: env.INGEST_FLUSH_INTERVAL_MS,
    deviceCacheTtlMs: env.INGEST_DEVICE_CACHE_TTL_MS,
    hourArchiveRefreshMs: env.INGEST_HOUR_ARCHIVE_REFRESH_MS,
    connectivitySweepMs: env.INGEST_CONNECTIVITY_SWEEP_MS,
    inactivityTimeouts: env.INGEST_INACTIVITY_TIMEOUTS,
  };
}

/** Where the worker dead-letters, for the standalone worker and the embedded one alike (the env kit's). */
export const deadLetterQueueEnvSchema = sqsEnvSchema.pick({ SQS_DLQ_URL: true });
