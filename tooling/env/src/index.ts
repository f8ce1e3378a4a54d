import path from "node:path";
import { z } from "zod";

/**
 * The env kit: the pieces of configuration more than one deployable reads. Each package's
 * `env.ts` builds its schema from these (`.extend(piece.shape)`), the app merges the schemas of
 * the packages it runs, and parses the result once at start-up; `formatIssues` from
 * `@revolv/validators` turns a failure into the one-line message.
 */

/**
 * An optional variable for which an empty value means unset: `FOO=` in a compose file or a
 * shell template is how people leave a variable out, and must not fail a URL check.
 */
export const unsetWhenBlank = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

// Resolved lazily: bundled copies of this module (Next.js route handlers) have no dirname,
// and only the process that opens the engines parses this schema.
const defaultDataDir = () => path.resolve(import.meta.dirname, "../../..", ".data");

/** Where the embedded engines (PGlite, chDB, fauxqs) keep their data: `<repo>/.data` unless set. */
export const dataDirEnvSchema = z.object({
  DATA_DIR: z.string().min(1).default(defaultDataDir),
});

/**
 * SQS and its AWS credentials, read by the device edge (the MQTT→SQS bridge) and the ingest
 * worker alike. The credentials are optional: unset, the AWS SDK's default chain (an ECS task
 * role) supplies them. Each deployable adds `SQS_QUEUE_URL` as it needs it (`sqsQueueUrlSchema`).
 */
export const sqsEnvSchema = z.object({
  AWS_REGION: z.string().min(1).default("us-east-1"),
  AWS_ACCESS_KEY_ID: unsetWhenBlank(z.string()),
  AWS_SECRET_ACCESS_KEY: unsetWhenBlank(z.string()),
  AWS_SESSION_TOKEN: unsetWhenBlank(z.string()),
  /** Only for an SQS-compatible endpoint other than AWS (e.g. a fauxqs run elsewhere). */
  SQS_ENDPOINT: unsetWhenBlank(z.url("SQS_ENDPOINT must be a URL")),
  /** Where the worker dead-letters refused messages; unset, the queue's redrive policy names it. */
  SQS_DLQ_URL: unsetWhenBlank(z.url("SQS_DLQ_URL must be the dead-letter queue's URL")),
});
export type SqsEnv = z.infer<typeof sqsEnvSchema>;

/** The static credentials the environment names, or undefined to let the AWS SDK's default chain find them. */
export function sqsCredentialsFrom(env: SqsEnv) {
  return env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
    ? {
        accessKeyId: env.AWS_ACCESS_KEY_ID,
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
        sessionToken: env.AWS_SESSION_TOKEN,
      }
    : undefined;
}

/** The telemetry queue. */
export const sqsQueueUrlSchema = z.url("SQS_QUEUE_URL must be the telemetry queue's URL");
