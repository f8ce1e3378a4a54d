/**
 * The scheduled backup task (`backup_command` in infra/terraform/envs/*), from the worker's
 * image: the same as `pnpm db:backup` in the repository, which the image has no pnpm to run.
 * The image carries `pg_dump` of PostgreSQL 17 (see Dockerfile), at least Neon's version.
 */
import { runBackupTask } from "@revolv/backup";

process.exitCode = await runBackupTask();
