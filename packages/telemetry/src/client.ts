import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { type ClickHouseClient, createClient } from "@clickhouse/client";
import type * as ChdbConnection from "chdb/connection";
import type { ClickHouseConfig } from "./env";

type ChdbAsClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>["connection"]>;

export interface ClickHouseHandle {
  client: ClickHouseClient;
  kind: ClickHouseConfig["kind"];
  close(): Promise<void>;
}

/**
 * chDB (≈ 540 MB) is an optional peer (`@revolv/stack` and the tests install it), loaded only
 * when the embedded engine is chosen, so a production install (`pnpm install --prod`, the
 * images) neither needs nor carries it. A synchronous `require` keeps `createClickHouse`
 * synchronous for its many callers.
 */
function loadChdb(): typeof ChdbConnection {
  try {
    // Next bundles this module for route handlers, which never open chDB: the comment keeps
    // Turbopack from tracing the engine into the web app's standalone output.
    return createRequire(import.meta.url)(
      /* turbopackIgnore: true */ "chdb/connection",
    ) as typeof ChdbConnection;
  } catch (error) {
    throw new Error(
      `the embedded ClickHouse (chDB) is not installed here; set CLICKHOUSE_URL to a ClickHouse server (${error instanceof Error ? error.message : String(error)})`,
    );
  }
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
    const connection = loadChdb().createChdbConnection({
      path: config.dataDir,
    }) as unknown as ChdbAsClientConnection;
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
