import { mkdirSync } from "node:fs";
import { type ClickHouseClient, createClient } from "@clickhouse/client";
import type { ClickHouseConfig } from "@revolv/telemetry";
import { loadEmbedded } from "../embedded";

/** What backup and restore need of ClickHouse, from chDB or a server alike. */
export interface ClickHouseEngine {
  kind: ClickHouseConfig["kind"];
  rows<Row>(sql: string): Promise<Row[]>;
  command(sql: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * chDB is opened through its own Session rather than the app's client factory because
 * BACKUP and RESTORE to File(…) need `backups.allowed_path`, which is server configuration:
 * it can only be given as the engine starts (chDB refuses File backups without it).
 */
export async function openClickHouseEngine(
  config: ClickHouseConfig,
  backupsAllowedPath: string,
): Promise<ClickHouseEngine> {
  if (config.kind === "chdb") {
    const { Session } = await loadEmbedded(() => import("chdb"));
    mkdirSync(config.dataDir, { recursive: true });
    const session = new Session(config.dataDir, {
      connectionArgs: [`--backups.allowed_path=${backupsAllowedPath}`],
    });
    return {
      kind: "chdb",
      async rows<Row>(sql: string) {
        const text = (await session.queryAsync(sql, { format: "JSONEachRow" })).text();
        return text
          .split("\n")
          .filter(Boolean)
          .map((line) => JSON.parse(line) as Row);
      },
      async command(sql) {
        await session.queryAsync(sql, { format: "CSV" });
      },
      async close() {
        session.close();
      },
    };
  }
  const client: ClickHouseClient = createClient({
    url: config.url,
    username: config.username,
    password: config.password,
    // BACKUP and RESTORE of a large database run for minutes in one request.
    request_timeout: 3_600_000,
  });
  return {
    kind: "http",
    rows: async <Row>(sql: string) => (await client.query({ query: sql, format: "JSONEachRow" })).json<Row>(),
    async command(sql) {
      await client.command({ query: sql });
    },
    close: () => client.close(),
  };
}
