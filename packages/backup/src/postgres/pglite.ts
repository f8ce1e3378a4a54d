import { mkdir, readFile, writeFile } from "node:fs/promises";
import type { PGlite } from "@electric-sql/pglite";
import { loadEmbedded } from "../embedded";
import { BackupError } from "../env";
import type { TableStats } from "../manifest";
import { type RunQuery, tableStats } from "./table-stats";

/**
 * The embedded PGlite, dumped as plain SQL by pg_dump compiled to WebAssembly
 * (`@electric-sql/pglite-tools`). PGlite is single-process: the stack must be stopped while
 * this runs, so nothing writes between the statistics and the dump.
 */
export async function openPgliteForBackup(dataDir: string): Promise<PGlite> {
  await mkdir(dataDir, { recursive: true });
  const { PGlite } = await loadEmbedded(() => import("@electric-sql/pglite"));
  return PGlite.create(dataDir);
}

const queryWith =
  (db: PGlite): RunQuery =>
  async <Row>(sql: string) =>
    (await db.query<Row>(sql)).rows;

export async function pgliteVersion(db: PGlite): Promise<string> {
  return (
    (await db.query<{ server_version: string }>("SHOW server_version")).rows[0]?.server_version ?? "unknown"
  );
}

export async function dumpPglite(db: PGlite, file: string): Promise<TableStats[]> {
  const stats = await tableStats(queryWith(db));
  const { pgDump } = await loadEmbedded(() => import("@electric-sql/pglite-tools/pg_dump"));
  const dump = await pgDump({ pg: db, args: ["--no-owner", "--no-privileges"] });
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  return stats;
}

export async function restorePglite(db: PGlite, file: string): Promise<void> {
  const existing = await tableStats(queryWith(db));
  if (existing.length > 0)
    throw new BackupError(
      `the target PGlite is not empty (${existing[0]?.table}…): restore needs a fresh data directory`,
    );
  await db.exec(await readFile(file, "utf8"));
  // The dump empties search_path for its own session; give the session back its default.
  await db.exec("RESET ALL");
}

export function pgliteTableStats(db: PGlite): Promise<TableStats[]> {
  return tableStats(queryWith(db));
}
