import path from "node:path";
import { dataDirEnvSchema, unsetWhenBlank } from "@revolv/env";
import { z } from "zod";

export const clickhouseEnvSchema = z
  .object({
    CLICKHOUSE_URL: unsetWhenBlank(
      z
        .url({ message: "CLICKHOUSE_URL must be an http:// or https:// URL" })
        .refine((v) => /^https?:\/\//.test(v), {
          message: "CLICKHOUSE_URL must start with http:// or https://",
        }),
    ),
    CLICKHOUSE_USER: z.string().optional(),
    CLICKHOUSE_PASSWORD: z.string().optional(),
  })
  .extend(dataDirEnvSchema.shape);

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
