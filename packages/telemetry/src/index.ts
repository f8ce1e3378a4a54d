export { type ClickHouseHandle, createClickHouse } from "./client";
export { deviceEventRow, queryDeviceEvents, storeDeviceEvents } from "./device-events";
export { type ClickHouseConfig, type ClickHouseEnv, clickhouseConfigFrom, clickhouseEnvSchema } from "./env";
export {
  attentionThresholds,
  materialOf,
  queryBinsNearlyFull,
  queryDeviceIdsInCondition,
  queryFaultsLast24h,
  queryLowBattery,
  queryMessagesPerMinute,
} from "./fleet-attention";
export { checkClickHouse } from "./health";
export { type HourArchiveRefresh, refreshHourArchive } from "./hour-archive";
export { type IngestFlow, queryIngestFlow } from "./ingest-flow";
export { type WatchOptions, watchDeviceReadings } from "./live";
export { type MigrationResult, migrateClickHouse } from "./migrations";
export { queryFleetSummary, queryLatest, querySeries, textMetrics } from "./queries";
export { applyRetention, type RetentionEnv, retentionEnvSchema } from "./retention";
export { type DeviceEventRow, type ReadingRow, tables } from "./tables";
export { telemetryEvents } from "./telemetry-events";
export {
  clickhouseTime,
  type DeviceMessage,
  findStoredReadings,
  insertReadings,
  messageKey,
  readingRowsFrom,
  readingsTableAnswers,
  rewriteLatest,
  withoutStoredRows,
} from "./writer";
