import path from "node:path";
import { dataDirEnvSchema, unsetWhenBlank } from "@revolv/env";
import { z } from "zod";

const databaseUrlSchema = z
  .url({ message: "DATABASE_URL must be a postgres:// or postgresql:// URL" })
  .refine((value) => /^postgres(ql)?:\/\//.test(value), {
    message: "DATABASE_URL must start with postgres:// or postgresql://",
  });

export const databaseEnvSchema = z
  .object({ DATABASE_URL: unsetWhenBlank(databaseUrlSchema) })
  .extend(dataDirEnvSchema.shape);

export type DatabaseEnv = z.infer<typeof databaseEnvSchema>;

export type DatabaseConfig =
  | { kind: "pglite"; dataDir: string }
  | { kind: "pg"; url: string }
  | { kind: "neon"; url: string };

/** Neon's pooled and direct hosts both end in neon.tech; anything else speaks plain Postgres. */
function isNeonHost(url: string): boolean {
  const host = new URL(url).hostname;
  return host.endsWith(".neon.tech") || host.endsWith(".neon.build");
}

export function databaseConfigFrom(env: DatabaseEnv): DatabaseConfig {
  if (!env.DATABASE_URL) return { kind: "pglite", dataDir: path.join(env.DATA_DIR, "pglite") };
  return isNeonHost(env.DATABASE_URL)
    ? { kind: "neon", url: env.DATABASE_URL }
    : { kind: "pg", url: env.DATABASE_URL };
}
