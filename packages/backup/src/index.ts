export { type BackupResult, newBackupId, takeBackup } from "./backup";
export { runBackupTask } from "./backup-task";
export { type BackupEnv, BackupError, backupEnvSchema, ConfigurationError, parseBackupEnv } from "./env";
export { type Manifest, manifestSchema } from "./manifest";
export { type RestoreReport, restoreBackup, type TableCheck } from "./restore";
