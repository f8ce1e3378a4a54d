import path from "node:path";
import { z } from "zod";

// Resolved lazily: bundled copies of this module (Next.js route handlers) have no dirname,
// and only the process that opens the engines parses this schema.
const defaultDataDir = () => path.resolve(import.meta.dirname, "../../..", ".data");

export const clickhouseEnvSchema = z.object({
  CLICKHOUSE_URL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .url({ message: "CLICKHOUSE_URL must be an http:// or https:// URL" })
      .refine((v) => /^https?:\/\//.test(v), {
        message: "CLICKHOUSE_URL must start with http:// or https://",
      })
      .optional(),
  ),
  CLICKHOUSE_USER: z.string().optional(),
  CLICKHOUSE_PASSWORD: z.string().optional(),
  DATA_DIR: z.string().min(1).default(defaultDataDir),
});

export type ClickHouseEnv = z.infer<typeof clickhouseEnvSchema>;

export type ClickHouseConfig =
  | { kind: "chdb"; dataDir: string }
  | { kind: "http"; url: string; username?: string | undefined; password?: string | undefined };

export function clickhouseConfigFrom(env: ClickHouseEnv): ClickHouseConfig {
  if (!env.CLICKHOUSE_URL) return { kind: "chdb", dataDir: path.join(env.DATA_DIR, "chdb") };
  return {
    kind: "http",
    url: env.CLICKHOUSE_URL,
    username: env.CLICKHOUSE_USER,
    password: env.CLICKHOUSE_PASSWORD,
  };
}
