import { databaseEnvSchema } from "@revolv/db";
import { deadLetterQueueEnvSchema, ingestTuningEnvSchema } from "@revolv/ingest";
import { clickhouseEnvSchema, retentionEnvSchema } from "@revolv/telemetry";
import { z } from "zod";

const blankAsUnset = (v: unknown) => (v === "" ? undefined : v);
/**
 * The standalone worker's configuration, parsed once at start-up. Without CLICKHOUSE_URL it
 * opens chDB in DATA_DIR and without DATABASE_URL PGlite there, like the web app — which
 * means it must not run beside a web app on the same DATA_DIR (one process per chDB dir).
 */
export const ingestEnvSchema = z
  .object({
    SQS_QUEUE_URL: z.url({ message: "SQS_QUEUE_URL must be the telemetry queue's URL" }),
    AWS_REGION: z.string().min(1).default("us-east-1"),
    /** An SQS emulator's address (fauxqs); unset for AWS. */
    SQS_ENDPOINT: z.preprocess(blankAsUnset, z.url().optional()),
    AWS_ACCESS_KEY_ID: z.preprocess(blankAsUnset, z.string().optional()),
    AWS_SECRET_ACCESS_KEY: z.preprocess(blankAsUnset, z.string().optional()),
    AWS_SESSION_TOKEN: z.preprocess(blankAsUnset, z.string().optional()),
    /** Test-only: print a line right before each INSERT (the chaos test kills the worker on it). */
    INGEST_ANNOUNCE_INSERTS: z.enum(["0", "1"]).default("0"),
  })
  .extend(deadLetterQueueEnvSchema.shape)
  .extend(ingestTuningEnvSchema.shape)
  .extend(databaseEnvSchema.shape)
  .extend(clickhouseEnvSchema.shape)
  .extend(retentionEnvSchema.shape);

export type IngestEnv = z.infer<typeof ingestEnvSchema>;
