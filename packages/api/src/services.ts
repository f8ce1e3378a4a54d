import type { ClickHouseClient } from "@clickhouse/client";
import type { Database } from "@revolv/db/client";

/** The long-lived engines a request needs; created once per process by the app. */
export interface Services {
  db: Database;
  clickhouse: ClickHouseClient;
}
