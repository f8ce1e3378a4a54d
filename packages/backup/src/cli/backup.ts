/**
 * `pnpm db:backup`: backs up Postgres and ClickHouse to BACKUP_TARGET (default
 * `.data/backups`, or `s3://bucket/prefix`).
 */
import { runBackupTask } from "../backup-task";

process.exitCode = await runBackupTask();
