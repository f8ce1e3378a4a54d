import { alarmsEnvSchema } from "@revolv/alarms/env";
import { edgeEnvSchema } from "@revolv/broker/env";
import { databaseEnvSchema } from "@revolv/db/env";
import { ingestTuningEnvSchema } from "@revolv/ingest/env";
import { clickhouseEnvSchema, retentionEnvSchema } from "@revolv/telemetry";
import { defaultRegistrationMode, registrationModeSchema } from "@revolv/validators";
import { z } from "zod";

const flag = z
  .enum(["1", "0", "true", "false"])
  .optional()
  .transform((v) => v === "1" || v === "true");

const serverEnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
    HOSTNAME: z.string().min(1).default("0.0.0.0"),
    /** Signs session tokens. Dev derives a per-data-dir secret; production must set one. */
    AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
    /**
     * The public origin next-auth builds its redirects on. Unset, it is taken from the request's
     * Host / X-Forwarded-* headers, which is what a dev server on any port and an ALB both need.
     */
    NEXTAUTH_URL: z.url("NEXTAUTH_URL must be a URL like https://devices.example.com").optional(),
    /** Lets the production build run on the embedded engines, e.g. to try `pnpm start` locally. */
    REVOLV_EMBEDDED: flag,
    /** Set behind a load balancer that appends the client to x-forwarded-for (an AWS ALB). */
    TRUST_PROXY: flag,
    /** Who may create an account: nobody but admins, invitees, or anyone (as a viewer). */
    REGISTRATION: registrationModeSchema.default(defaultRegistrationMode),
    ADMIN_EMAIL: z.email("ADMIN_EMAIL must be an email address").optional(),
    ADMIN_USERNAME: z.string().min(3).optional(),
    ADMIN_PASSWORD: z.string().min(12, "ADMIN_PASSWORD must be at least 12 characters").optional(),
    /** Guards `/api/metrics` (Authorization: Bearer); unset, the metrics are open. */
    METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
    /** Sentry's DSN; unset, nothing is reported. */
    SENTRY_DSN: z.url("SENTRY_DSN must be a URL").optional(),
    SENTRY_ENVIRONMENT: z.string().min(1).optional(),
    /** pino's level: fatal, error, warn, info, debug, trace, silent. */
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // SQS_DLQ_URL, where the embedded worker dead-letters, comes with the edge's SQS variables (env kit).
  })
  .extend(databaseEnvSchema.shape)
  .extend(clickhouseEnvSchema.shape)
  .extend(retentionEnvSchema.shape)
  .extend(edgeEnvSchema.shape)
  // The worker inside the embedded stack reads the standalone worker's INGEST_* variables.
  .extend(ingestTuningEnvSchema.shape)
  .extend(alarmsEnvSchema.shape)
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== "production") return;
    if (!env.AUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_SECRET"],
        message: "is required in production (generate one with `openssl rand -base64 32`)",
      });
    }
    if (!env.DATABASE_URL && !env.REVOLV_EMBEDDED) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_URL"],
        message: "is required in production (or set REVOLV_EMBEDDED=1 to run on the embedded engines)",
      });
    }
  });

export type ServerEnv = z.infer<typeof serverEnvSchema>;

export function parseServerEnv(env: NodeJS.ProcessEnv = process.env) {
  return serverEnvSchema.safeParse(env);
}
