import type { ClickHouseClient } from "@clickhouse/client";
import type { SecretBox } from "@revolv/alarms";
import type { Database } from "@revolv/db/client";

/** The long-lived engines a request needs; created once per process by the app. */
export interface Services {
  db: Database;
  clickhouse: ClickHouseClient;
  /** Seals webhook secrets of alarm rules; absent (no ALARM_SECRETS_KEY in production), webhooks are refused. */
  alarmSecrets?: SecretBox | undefined;
}
