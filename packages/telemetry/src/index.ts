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
export {
  clickhouseTime,
  findStoredReadings,
  insertReadings,
  type MessageKey,
  messageKey,
  type ReadingRow,
  readingKey,
  readingRowsFrom,
  readingsTable,
  readingsTableAnswers,
  rewriteLatest,
  withoutStoredRows,
} from "./writer";
