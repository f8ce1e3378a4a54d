import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { unsetWhenBlank } from "@revolv/env";
import { z } from "zod";

/**
 * Alarm notifications. `ALARM_SECRETS_KEY` encrypts webhook secrets at rest; the web app (which
 * stores them) and the worker (which signs with them) must share it. Without it, development
 * derives one from the data directory's auth secret, and production refuses webhooks.
 */
export const alarmsEnvSchema = z.object({
  ALARM_SECRETS_KEY: unsetWhenBlank(z.string().min(32, "ALARM_SECRETS_KEY must be at least 32 characters")),
  /** `smtp://user:pass@host:587` or `smtps://…`; unset turns email notifications off (each fails with that reason). */
  SMTP_URL: unsetWhenBlank(
    z.url({ protocol: /^smtps?$/, message: "SMTP_URL must be an smtp:// or smtps:// URL" }),
  ),
  ALARM_EMAIL_FROM: z.string().default("Revolv alarms <alarms@revolv.local>"),
  /** Delivered and failed notification deliveries are deleted after this many days. */
  ALARM_DELIVERY_RETENTION_DAYS: z.coerce.number().positive().default(30),
});
export type AlarmsEnv = z.infer<typeof alarmsEnvSchema>;

/** The dispatcher's `retentionMs`, in every process that runs one (the worker, the embedded stack). */
export function deliveryRetentionMsFrom(env: Pick<AlarmsEnv, "ALARM_DELIVERY_RETENTION_DAYS">): number {
  return env.ALARM_DELIVERY_RETENTION_DAYS * 86_400_000;
}

/**
 * The key webhook secrets are sealed with: `ALARM_SECRETS_KEY`, or outside production one
 * generated once into the data directory (so `pnpm dev` needs no configuration). Undefined in
 * production without the variable: webhooks are then refused with that reason.
 */
export function alarmSecretsKeyFrom(
  env: Pick<AlarmsEnv, "ALARM_SECRETS_KEY">,
  options: { production: boolean; dataDir: string },
): string | undefined {
  if (env.ALARM_SECRETS_KEY) return env.ALARM_SECRETS_KEY;
  if (options.production) return undefined;
  const file = path.join(options.dataDir, "alarm-secrets-key");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(options.dataDir, { recursive: true });
    const key = randomBytes(32).toString("base64url");
    writeFileSync(file, key, { mode: 0o600 });
    return key;
  }
}
