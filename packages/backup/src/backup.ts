import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { databaseConfigFrom } from "@revolv/db";
import { clickhouseConfigFrom } from "@revolv/telemetry";
import { openClickHouseEngine } from "./clickhouse/engine";
import { clickhouseTableStats } from "./clickhouse/table-stats";
import { digestFile, digestTree } from "./digest";
import { type BackupEnv, BackupError, backupTargetFrom } from "./env";
import { type Manifest, manifestFileName, manifestSchema } from "./manifest";
import { dumpPglite, openPgliteForBackup, pgliteVersion } from "./postgres/pglite";
import { dumpServer, dumpToolVersion, serverVersion } from "./postgres/server";
import { openBackupStore, sqlString } from "./store";

export interface BackupResult {
  manifest: Manifest;
  location: string;
}

/** Sortable and safe in a file name or an S3 key: 2026-11-30T12-00-00-000Z. */
export const newBackupId = (now = new Date()) => now.toISOString().replace(/[:.]/g, "-");

/**
 * Backs up Postgres and ClickHouse into one backup: `postgres.dump` (`pg_dump -Fc`) or
 * `postgres.sql` (PGlite), `clickhouse/` (ClickHouse's own BACKUP), and `manifest.json`,
 * written last, so a backup without a manifest is an unfinished one.
 */
export async function takeBackup(env: BackupEnv, id = newBackupId()): Promise<BackupResult> {
  const started = Date.now();
  refuseMissingEmbeddedData(env);
  const target = backupTargetFrom(env);
  const store = openBackupStore(target, env);
  const localDir = store.localDir(id);
  const workDir = localDir ?? (await mkdtemp(path.join(tmpdir(), "revolv-backup-")));
  await mkdir(workDir, { recursive: true });
  try {
    const postgres = await backUpPostgres(env, workDir);
    await store.put(id, postgres.dump.file, path.join(workDir, postgres.dump.file));
    const clickhouse = await backUpClickHouse(env, id, localDir ? path.resolve(target) : workDir);
    const manifest = manifestSchema.parse({
      format: 1,
      id,
      startedAt: new Date(started).toISOString(),
      finishedAt: new Date().toISOString(),
      durationMs: Date.now() - started,
      versions: {
        node: process.version,
        postgres: postgres.version,
        clickhouse: clickhouse.version,
        dumpTool: postgres.dumpTool,
      },
      postgres: {
        engine: postgres.engine,
        format: postgres.format,
        dump: postgres.dump,
        tables: postgres.tables,
      },
      clickhouse: {
        engine: clickhouse.engine,
        database: clickhouse.database,
        location: clickhouse.location,
        files: clickhouse.files,
        tables: clickhouse.tables,
      },
    } satisfies Manifest);
    await store.putText(id, manifestFileName, `${JSON.stringify(manifest, null, 2)}\n`);
    return { manifest, location: store.describe(id) };
  } finally {
    if (!localDir) await rm(workDir, { recursive: true, force: true });
  }

  async function backUpClickHouse(env: BackupEnv, id: string, allowedPath: string) {
    const config = clickhouseConfigFrom(env);
    const engine = await openClickHouseEngine(config, allowedPath);
    try {
      const [{ version = "unknown", database = "default" } = {}] = await engine.rows<{
        version: string;
        database: string;
      }>("SELECT version() AS version, currentDatabase() AS database");
      const credentials =
        env.CLICKHOUSE_BACKUP_S3_ACCESS_KEY_ID && env.CLICKHOUSE_BACKUP_S3_SECRET_ACCESS_KEY
          ? `, ${sqlString(env.CLICKHOUSE_BACKUP_S3_ACCESS_KEY_ID)}, ${sqlString(env.CLICKHOUSE_BACKUP_S3_SECRET_ACCESS_KEY)}`
          : "";
      const destination = store.clickhouseDestination(id, credentials);
      const before = await clickhouseTableStats(engine, database);
      await engine.command(`BACKUP DATABASE \`${database}\` TO ${destination}`);
      const after = new Map(
        (await clickhouseTableStats(engine, database)).map((table) => [table.table, table]),
      );
      const tables = before.map((table) => {
        const later = after.get(table.table);
        return {
          ...table,
          exact: later?.rows === table.rows && later.checksum === table.checksum,
          rowsAfter: later?.rows ?? table.rows,
        };
      });
      const location = store.clickhouseDestination(id, "");
      const files = localDir ? await digestTree(path.join(localDir, "clickhouse"), localDir) : [];
      return { engine: config.kind, version, database, location, files, tables };
    } finally {
      await engine.close();
    }
  }
}

/**
 * The embedded engines create their directory when opened: a mistyped DATA_DIR would back up
 * two fresh, empty databases and call it a success.
 */
function refuseMissingEmbeddedData(env: BackupEnv): void {
  const postgres = databaseConfigFrom(env);
  const clickhouse = clickhouseConfigFrom(env);
  for (const dataDir of [
    postgres.kind === "pglite" ? postgres.dataDir : undefined,
    clickhouse.kind === "chdb" ? clickhouse.dataDir : undefined,
  ])
    if (dataDir && !existsSync(dataDir))
      throw new BackupError(`nothing to back up: ${dataDir} does not exist (DATA_DIR?)`);
}

async function backUpPostgres(env: BackupEnv, workDir: string) {
  const config = databaseConfigFrom(env);
  if (config.kind === "pglite") {
    const db = await openPgliteForBackup(config.dataDir);
    try {
      const file = path.join(workDir, "postgres.sql");
      const tables = await dumpPglite(db, file);
      return {
        engine: "pglite" as const,
        format: "sql" as const,
        version: await pgliteVersion(db),
        dumpTool: "pg_dump (@electric-sql/pglite-tools)",
        dump: await digestFile(file),
        tables,
      };
    } finally {
      await db.close();
    }
  }
  const file = path.join(workDir, "postgres.dump");
  const tables = await dumpServer(config.url, file);
  return {
    engine: "pg" as const,
    format: "custom" as const,
    version: await serverVersion(config.url),
    dumpTool: await dumpToolVersion(),
    dump: await digestFile(file),
    tables,
  };
}
