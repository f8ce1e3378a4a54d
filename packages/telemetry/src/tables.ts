import type { DeviceEventType, DeviceType } from "@revolv/validators";

/**
 * The ClickHouse tables the code reads and writes, by name; `migrations/*.sql` creates them.
 * Queries name these rather than spelling a table out, so a rename is one edit here plus a
 * migration.
 */
export const tables = {
  /** One row per reading; its projections hold the message lookup and the minute and hour rollups. */
  readings: "telemetry_readings",
  /** The newest reading per (device, metric), fed by a view on `readings`. */
  latest: "telemetry_latest",
  /** Hour rollups kept after the raw rows expire. */
  hourArchive: "telemetry_hour_archive",
  /** Where the next hour-archive refresh starts. */
  hourArchiveRefreshes: "telemetry_hour_archive_refreshes",
  /** Connects, disconnects, offline and back, faults and jams; one row per event id. */
  deviceEvents: "device_events",
} as const;

/**
 * One row of `telemetry_readings` as JSONEachRow sends it (times as UTC `YYYY-MM-DD hh:mm:ss.sss`);
 * `inserted_at` is the server's. The keys are the table's column names.
 */
export interface ReadingRow {
  device_id: string;
  device_type: DeviceType;
  metric: string;
  at: string;
  value: number;
  value_text: string;
  message_id: string;
  received_at: string;
}

/** One row of `telemetry_latest`: a reading without its message. */
export type LatestRow = Omit<ReadingRow, "message_id">;

/** The columns a refresh writes into `telemetry_hour_archive` (`archived_at` is the server's). */
export const hourArchiveColumns = [
  "device_id",
  "device_type",
  "metric",
  "bucket",
  "count",
  "sum",
  "min",
  "max",
  "last",
] as const;

/** One row of `device_events` (`inserted_at` is the server's). */
export interface DeviceEventRow {
  device_id: string;
  /** Stable across redeliveries and retries: the writer stores each (device, event id) once. */
  event_id: string;
  type: DeviceEventType;
  at: string;
  detail: string;
}
