export { type ClickHouseHandle, createClickHouse } from "./client";
export { type ClickHouseConfig, type ClickHouseEnv, clickhouseConfigFrom, clickhouseEnvSchema } from "./env";
export { checkClickHouse } from "./health";
export { type HourArchiveRefresh, refreshHourArchive } from "./hour-archive";
export { type WatchOptions, watchDeviceReadings } from "./live";
export { MigrationChecksumError, type MigrationResult, migrateClickHouse } from "./migrations";
export {
  queryFleetSummary,
  queryLatest,
  querySeries,
  resolutionFor,
  stepSecondsFor,
  textMetrics,
} from "./queries";
export { applyRetention, type RetentionEnv, retentionEnvSchema } from "./retention";
export { hourArchiveColumns, type LatestRow, type ReadingRow, tables } from "./tables";
export {
  clickhouseTime,
  type DeviceMessage,
  findStoredReadings,
  insertReadings,
  type MessageKey,
  messageKey,
  readingKey,
  readingRowsFrom,
  readingsTableAnswers,
  rewriteLatest,
  withoutStoredRows,
} from "./writer";
