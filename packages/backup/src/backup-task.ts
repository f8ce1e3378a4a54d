import { takeBackup } from "./backup";
import { BackupError, ConfigurationError, parseBackupEnv } from "./env";

/**
 * The backup as a task: `pnpm db:backup` here, and the scheduled task in the worker's image
 * (`backup_command` in infra/terraform/envs/*). Prints "backup complete" on success: the
 * production alarm counts that line (infra/terraform/modules/observability). Returns the
 * process exit code.
 */
export async function runBackupTask(): Promise<number> {
  try {
    const { manifest, location } = await takeBackup(parseBackupEnv());
    const rows = (tables: { rows: number }[]) => tables.reduce((sum, table) => sum + table.rows, 0);
    console.log(
      `backup complete: ${manifest.id} at ${location} in ${(manifest.durationMs / 1000).toFixed(1)} s ` +
        `(Postgres ${manifest.postgres.tables.length} tables, ${rows(manifest.postgres.tables)} rows; ` +
        `ClickHouse ${manifest.clickhouse.tables.length} tables, ${rows(manifest.clickhouse.tables)} rows)`,
    );
    return 0;
  } catch (error) {
    console.error(
      `backup failed: ${error instanceof ConfigurationError || error instanceof BackupError ? error.message : (error as Error).stack}`,
    );
    return 1;
  }
}
