/**
 * A migrated PGlite for tests, in about a second instead of the ten or more that initdb and
 * the migrations take on a busy two-core machine (most of every database test's time went
 * there). The first caller builds a template — initdb and every migration, in memory — and
 * keeps its `dumpDataDir()` archive in the temp directory under a name derived from the
 * migrations and the PGlite version; every later database, in any test process, starts from
 * that archive. The migration tests themselves still run initdb and migrate for real.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { type DatabaseHandle, migrationsFolder, openPglite } from "./client";

function templateKey(): string {
  const hash = createHash("sha256");
  // The package's exports hide its manifest; its resolved path names the installed version.
  hash.update(realpathSync(createRequire(import.meta.url).resolve("@electric-sql/pglite")));
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(entry.name).update(readFileSync(full));
    }
  };
  walk(migrationsFolder());
  return hash.digest("hex").slice(0, 16);
}

let template: Promise<Blob> | undefined;

async function migratedTemplate(): Promise<Blob> {
  const file = path.join(tmpdir(), `revolv-pglite-template-${templateKey()}.tar`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const client = new PGlite();
  await migrate(drizzle({ client }), { migrationsFolder: migrationsFolder() });
  const archive = await client.dumpDataDir("none");
  await client.close();
  // Written aside and renamed: a parallel test process reads the old name or the whole file.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await archive.arrayBuffer()));
  renameSync(partial, file);
  return archive;
}

/** A migrated, empty PGlite database on `dataDir` (created if missing). */
export async function openTestDatabase(dataDir: string): Promise<DatabaseHandle> {
  template ??= migratedTemplate();
  return openPglite(dataDir, { loadDataDir: await template });
}

/**
 * Lays a migrated database down in `dataDir` and closes it, for a server process that opens
 * PGlite there itself (the web app's embedded stack).
 */
export async function prepareTestDatabaseDir(dataDir: string): Promise<void> {
  const handle = await openTestDatabase(dataDir);
  await handle.close();
}
