import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { databaseConfigFrom } from "@revolv/db";
import { clickhouseConfigFrom } from "@revolv/telemetry";
import pg from "pg";
import { openClickHouseEngine } from "./clickhouse/engine";
import { clickhouseTableStats } from "./clickhouse/table-stats";
import { digestFile } from "./digest";
import { type BackupEnv, BackupError, backupTargetFrom } from "./env";
import { type Manifest, manifestFileName, manifestSchema, type TableStats } from "./manifest";
import { openPgliteForBackup, pgliteTableStats, restorePglite } from "./postgres/pglite";
import { postgresTool, restoreServer, serverTableStats } from "./postgres/server";
import { type BackupStore, openBackupStore, sqlString } from "./store";

const run = promisify(execFile);

export interface TableCheck {
  table: string;
  expected: string;
  actual: string;
  ok: boolean;
}

export interface RestoreReport {
  id: string;
  durationMs: number;
  postgres: TableCheck[];
  clickhouse: TableCheck[];
  ok: boolean;
}

/**
 * `backup` is a backup id under BACKUP_TARGET, or a backup's own directory or s3:// URL.
 */
export function locateBackup(env: BackupEnv, backup: string): { store: BackupStore; id: string } {
  const isLocation = backup.startsWith("s3://") || backup.includes("/") || existsSync(backup);
  if (!isLocation) return { store: openBackupStore(backupTargetFrom(env), env), id: backup };
  const trimmed = backup.replace(/\/+$/, "");
  const id = trimmed.slice(trimmed.lastIndexOf("/") + 1);
  return { store: openBackupStore(trimmed.slice(0, trimmed.lastIndexOf("/")) || ".", env), id };
}

/**
 * Restores a backup into the engines the environment names, which must be empty, then
 * recounts and re-checksums every table and compares each with the manifest.
 */
export async function restoreBackup(env: BackupEnv, backup: string): Promise<RestoreReport> {
  const started = Date.now();
  const { store, id } = locateBackup(env, backup);
  const manifest = await readManifest(store, id);
  const workDir = await mkdtemp(path.join(tmpdir(), "revolv-restore-"));
  try {
    const dumpFile = path.join(workDir, manifest.postgres.dump.file);
    await store.get(id, manifest.postgres.dump.file, dumpFile);
    const digest = await digestFile(dumpFile);
    if (digest.sha256 !== manifest.postgres.dump.sha256)
      throw new BackupError(
        `${manifest.postgres.dump.file} does not match its checksum in the manifest: the backup is damaged`,
      );
    const localDir = store.localDir(id);
    for (const file of manifest.clickhouse.files) {
      const found = localDir ? await digestFile(path.join(localDir, file.file), file.file) : undefined;
      if (found && found.sha256 !== file.sha256)
        throw new BackupError(
          `${file.file} does not match its checksum in the manifest: the backup is damaged`,
        );
    }
    const postgres = compare(
      manifest.postgres.tables,
      await restorePostgres(env, manifest, dumpFile, workDir),
    );
    const clickhouse = await restoreClickHouse(env, manifest, localDir ? path.dirname(localDir) : workDir);
    return {
      id,
      durationMs: Date.now() - started,
      postgres,
      clickhouse,
      ok: [...postgres, ...clickhouse].every((check) => check.ok),
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function readManifest(store: BackupStore, id: string): Promise<Manifest> {
  let text: string;
  try {
    text = await store.getText(id, manifestFileName);
  } catch (error) {
    const code = (error as { code?: string; name?: string }).code ?? (error as { name?: string }).name;
    if (code === "ENOENT" || code === "NoSuchKey")
      throw new BackupError(`no backup ${id} at ${store.describe(id)} (it has no ${manifestFileName})`);
    throw error;
  }
  const parsed = manifestSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new BackupError(
      `${store.describe(id)}/${manifestFileName} is not a backup manifest: ${parsed.error.message}`,
    );
  return parsed.data;
}

async function restorePostgres(
  env: BackupEnv,
  manifest: Manifest,
  dumpFile: string,
  workDir: string,
): Promise<TableStats[]> {
  const config = databaseConfigFrom(env);
  if (config.kind === "pglite") {
    // A server's custom-format dump becomes plain SQL first: PGlite has no pg_restore.
    let sqlFile = dumpFile;
    if (manifest.postgres.format === "custom") {
      sqlFile = path.join(workDir, "postgres.sql");
      await run(postgresTool("pg_restore"), ["--no-owner", "--no-privileges", `--file=${sqlFile}`, dumpFile]);
    }
    const db = await openPgliteForBackup(config.dataDir);
    try {
      await restorePglite(db, sqlFile);
      return await pgliteTableStats(db);
    } finally {
      await db.close();
    }
  }
  if (manifest.postgres.format === "custom") await restoreServer(config.url, dumpFile);
  else {
    const client = new pg.Client({ connectionString: config.url });
    await client.connect();
    try {
      await client.query(await readFile(dumpFile, "utf8"));
    } finally {
      await client.end();
    }
  }
  return serverTableStats(config.url);
}

async function restoreClickHouse(
  env: BackupEnv,
  manifest: Manifest,
  allowedPath: string,
): Promise<TableCheck[]> {
  const engine = await openClickHouseEngine(clickhouseConfigFrom(env), allowedPath);
  try {
    const [{ database = "default" } = {}] = await engine.rows<{ database: string }>(
      "SELECT currentDatabase() AS database",
    );
    const source = manifest.clickhouse.database;
    const location =
      env.CLICKHOUSE_BACKUP_S3_ACCESS_KEY_ID && env.CLICKHOUSE_BACKUP_S3_SECRET_ACCESS_KEY
        ? manifest.clickhouse.location.replace(
            /\)$/,
            `, ${sqlString(env.CLICKHOUSE_BACKUP_S3_ACCESS_KEY_ID)}, ${sqlString(env.CLICKHOUSE_BACKUP_S3_SECRET_ACCESS_KEY)})`,
          )
        : manifest.clickhouse.location;
    const rename = source === database ? `\`${source}\`` : `\`${source}\` AS \`${database}\``;
    await engine.command(`RESTORE DATABASE ${rename} FROM ${location}`);
    const restored = new Map(
      (await clickhouseTableStats(engine, database)).map((table) => [table.table, table]),
    );
    return manifest.clickhouse.tables.map((expected) => {
      const actual = restored.get(expected.table);
      const actualText = actual ? `${actual.rows} rows, checksum ${actual.checksum}` : "missing";
      if (expected.exact)
        return {
          table: expected.table,
          expected: `${expected.rows} rows, checksum ${expected.checksum}`,
          actual: actualText,
          ok: actual?.rows === expected.rows && actual.checksum === expected.checksum,
        };
      // Written during the backup: the backup holds some state between the two counts.
      return {
        table: expected.table,
        expected: `${expected.rows}–${expected.rowsAfter} rows (written during the backup)`,
        actual: actualText,
        ok: actual !== undefined && actual.rows >= expected.rows && actual.rows <= expected.rowsAfter,
      };
    });
  } finally {
    await engine.close();
  }
}

function compare(expected: TableStats[], actual: TableStats[]): TableCheck[] {
  const byTable = new Map(actual.map((table) => [table.table, table]));
  return expected.map((table) => {
    const found = byTable.get(table.table);
    return {
      table: table.table,
      expected: `${table.rows} rows, checksum ${table.checksum}`,
      actual: found ? `${found.rows} rows, checksum ${found.checksum}` : "missing",
      ok: found?.rows === table.rows && found.checksum === table.checksum,
    };
  });
}
