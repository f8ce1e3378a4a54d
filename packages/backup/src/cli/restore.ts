/**
 * `pnpm db:restore <backup id | backup directory | s3://…/id>`: restores into the (empty)
 * engines the environment names, then checks every table's row count and checksum against
 * the manifest. Exits 1 if any table differs.
 */
import { BackupError, ConfigurationError, parseBackupEnv } from "../env";
import { restoreBackup } from "../restore";

const backup = process.argv[2];
if (!backup) {
  console.error("usage: pnpm db:restore <backup id | backup directory | s3://bucket/prefix/id>");
  process.exit(2);
}

try {
  const report = await restoreBackup(parseBackupEnv(), backup);
  for (const [store, checks] of [
    ["postgres", report.postgres],
    ["clickhouse", report.clickhouse],
  ] as const)
    for (const check of checks)
      console.log(
        `${check.ok ? "ok  " : "DIFF"} ${store} ${check.table}: ${check.actual}${check.ok ? "" : ` (expected ${check.expected})`}`,
      );
  console.log(
    `restore ${report.ok ? "complete" : "FAILED verification"}: ${report.id} in ${(report.durationMs / 1000).toFixed(1)} s`,
  );
  if (!report.ok) process.exitCode = 1;
} catch (error) {
  console.error(
    `restore failed: ${error instanceof ConfigurationError || error instanceof BackupError ? error.message : (error as Error).stack}`,
  );
  process.exitCode = 1;
}
