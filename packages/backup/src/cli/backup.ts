/**
 * `pnpm db:backup`: backs up Postgres and ClickHouse to BACKUP_TARGET (default
 * `.data/backups`, or `s3://bucket/prefix`). Prints "backup complete" on success: the
 * production alarm counts that line (infra/terraform/modules/observability).
 */
import { takeBackup } from "../backup";
import { BackupError, ConfigurationError, parseBackupEnv } from "../env";

try {
  const { manifest, location } = await takeBackup(parseBackupEnv());
  const rows = (tables: { rows: number }[]) => tables.reduce((sum, table) => sum + table.rows, 0);
  console.log(
    `backup complete: ${manifest.id} at ${location} in ${(manifest.durationMs / 1000).toFixed(1)} s ` +
      `(Postgres ${manifest.postgres.tables.length} tables, ${rows(manifest.postgres.tables)} rows; ` +
      `ClickHouse ${manifest.clickhouse.tables.length} tables, ${rows(manifest.clickhouse.tables)} rows)`,
  );
} catch (error) {
  console.error(
    `backup failed: ${error instanceof ConfigurationError || error instanceof BackupError ? error.message : (error as Error).stack}`,
  );
  process.exitCode = 1;
}
