import { BackupError } from "./env";

/**
 * The embedded engines are optional peers: the worker's image runs backups of the managed
 * servers and carries neither PGlite nor chDB, so they load only when a backup asks for them.
 */
export async function loadEmbedded<Module>(load: () => Promise<Module>): Promise<Module> {
  try {
    return await load();
  } catch (error) {
    throw new BackupError(
      `the embedded engine is not installed here; set DATABASE_URL and CLICKHOUSE_URL to servers (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}
