import path from "node:path";
import { databaseEnvSchema } from "@revolv/db";
import { clickhouseEnvSchema } from "@revolv/telemetry";
import { z } from "zod";

/**
 * Where backups go: a local directory, or `s3://bucket/prefix` in production. The engines come
 * from the same variables the app reads (DATABASE_URL / CLICKHOUSE_URL, else the embedded
 * PGlite and chDB under DATA_DIR).
 */
export const backupEnvSchema = databaseEnvSchema.extend(clickhouseEnvSchema.shape).extend({
  BACKUP_TARGET: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).optional()),
  /** An S3-compatible endpoint instead of AWS's (an emulator in tests). */
  BACKUP_S3_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().default("us-east-1"),
  /**
   * Credentials ClickHouse itself uses to write to S3 (`BACKUP … TO S3(url, key, secret)`):
   * a ClickHouse Cloud service cannot assume the backup task's role. Unset: the server's own.
   */
  CLICKHOUSE_BACKUP_S3_ACCESS_KEY_ID: z.string().optional(),
  CLICKHOUSE_BACKUP_S3_SECRET_ACCESS_KEY: z.string().optional(),
});

export type BackupEnv = z.infer<typeof backupEnvSchema>;

export function backupTargetFrom(env: BackupEnv): string {
  return env.BACKUP_TARGET ?? path.join(env.DATA_DIR, "backups");
}

/** Parses the environment once; a bad value stops the CLI with one line naming it. */
export function parseBackupEnv(source: NodeJS.ProcessEnv = process.env): BackupEnv {
  const parsed = backupEnvSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ConfigurationError(`${issue?.path.join(".") ?? "environment"}: ${issue?.message ?? "invalid"}`);
}

export class ConfigurationError extends Error {}

/** A failure the operator can act on (wrong id, damaged backup, engine not empty): no stack. */
export class BackupError extends Error {}
