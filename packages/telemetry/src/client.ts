import { mkdirSync } from "node:fs";
import { type ClickHouseClient, createClient } from "@clickhouse/client";
import { createChdbConnection } from "chdb/connection";
import type { ClickHouseConfig } from "./env";

type ChdbAsClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>["connection"]>;

export interface ClickHouseHandle {
  client: ClickHouseClient;
  kind: ClickHouseConfig["kind"];
  close(): Promise<void>;
}

/**
 * Both engines are driven through `@clickhouse/client`, so every query and insert in the
 * project is written once. chDB binds one data directory per process: open it once.
 */
export function createClickHouse(config: ClickHouseConfig): ClickHouseHandle {
  if (config.kind === "chdb") {
    mkdirSync(config.dataDir, { recursive: true });
    // chdb types its connection against @clickhouse/client-common, which @clickhouse/client
    // now vendors; the runtime contract is the same, the nominal types differ.
    const connection = createChdbConnection({ path: config.dataDir }) as unknown as ChdbAsClientConnection;
    const client = createClient({ connection });
    return { client, kind: "chdb", close: () => client.close() };
  }
  const client = createClient({
    url: config.url,
    username: config.username,
    password: config.password,
    keep_alive: { enabled: true },
    // Async inserts would acknowledge before data is durable; the ingest worker batches itself.
    clickhouse_settings: { async_insert: 0 },
  });
  return { client, kind: "http", close: () => client.close() };
}
