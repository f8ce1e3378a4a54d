import { alarmsEnvSchema } from "@revolv/alarms/env";
import { databaseEnvSchema } from "@revolv/db/env";
import { sqsEnvSchema, sqsQueueUrlSchema } from "@revolv/env";
import { ingestTuningEnvSchema } from "@revolv/ingest";
import { clickhouseEnvSchema, retentionEnvSchema } from "@revolv/telemetry";
import { z } from "zod";

/**
 * The standalone worker's configuration, parsed once at start-up. Without CLICKHOUSE_URL it
 * opens chDB in DATA_DIR and without DATABASE_URL PGlite there, like the web app — which
 * means it must not run beside a web app on the same DATA_DIR (one process per chDB dir).
 * The SQS and AWS variables (SQS_DLQ_URL among them) are the env kit's, shared with the edge.
 */
export const ingestEnvSchema = z
  .object({
    SQS_QUEUE_URL: sqsQueueUrlSchema,
    /** Test-only: print a line right before each INSERT (the chaos test kills the worker on it). */
    INGEST_ANNOUNCE_INSERTS: z.enum(["0", "1"]).default("0"),
    /** Test-only: print a line right before each batch's alarm evaluation (the alarm fault test kills the worker on it). */
    INGEST_ANNOUNCE_EVALUATIONS: z.enum(["0", "1"]).default("0"),
    /** Test-only tuning of notification retries (the defaults suit production). */
    ALARM_RETRY_BASE_MS: z.coerce.number().int().min(1).optional(),
    ALARM_ATTEMPT_TIMEOUT_MS: z.coerce.number().int().min(1).optional(),
    /**
     * Where Prometheus scrapes the worker (`/metrics`; the image sets 9464); 0 picks a free port,
     * printed at start. Unset, no metrics endpoint (tests that run many workers side by side).
     */
    INGEST_METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
    /** Guards `/metrics` (Authorization: Bearer) when set. */
    METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
    SENTRY_DSN: z.url("SENTRY_DSN must be a URL").optional(),
    SENTRY_ENVIRONMENT: z.string().min(1).optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  })
  .extend(sqsEnvSchema.shape)
  .extend(ingestTuningEnvSchema.shape)
  .extend(databaseEnvSchema.shape)
  .extend(clickhouseEnvSchema.shape)
  .extend(retentionEnvSchema.shape)
  .extend(alarmsEnvSchema.shape);

export type IngestEnv = z.infer<typeof ingestEnvSchema>;
