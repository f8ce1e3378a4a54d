import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { BackupError } from "../env";
import type { TableStats } from "../manifest";
import { type RunQuery, tableStats } from "./table-stats";

const run = promisify(execFile);

/**
 * `pg_dump`/`pg_restore` of the machine: PG_BIN_DIR, else the newest Debian
 * /usr/lib/postgresql/<n>/bin, else PATH. pg_dump must be at least the server's version.
 */
export function postgresTool(name: "pg_dump" | "pg_restore"): string {
  const fromEnv = process.env.PG_BIN_DIR;
  if (fromEnv && existsSync(path.join(fromEnv, name))) return path.join(fromEnv, name);
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const newest = readdirSync(root)
      .filter((version) => existsSync(path.join(root, version, "bin", name)))
      .sort((a, b) => Number(b) - Number(a))[0];
    if (newest) return path.join(root, newest, "bin", name);
  }
  return name;
}

export async function dumpToolVersion(): Promise<string> {
  const { stdout } = await run(postgresTool("pg_dump"), ["--version"]);
  return stdout.trim();
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

const queryWith =
  (client: pg.Client): RunQuery =>
  async <Row>(sql: string) =>
    (await client.query(sql)).rows as Row[];

export async function serverVersion(url: string): Promise<string> {
  return withClient(
    url,
    async (client) => (await client.query("SHOW server_version")).rows[0].server_version,
  );
}

/**
 * `pg_dump -Fc` of exactly the snapshot the statistics were read in: a REPEATABLE READ
 * transaction exports its snapshot and pg_dump joins it (`--snapshot`), so the manifest's
 * counts and checksums describe the dump even while the app keeps writing.
 */
export async function dumpServer(url: string, file: string): Promise<TableStats[]> {
  return withClient(url, async (client) => {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
      const snapshot = (await client.query("SELECT pg_export_snapshot() AS id")).rows[0].id as string;
      const stats = await tableStats(queryWith(client));
      await run(
        postgresTool("pg_dump"),
        ["--format=custom", `--snapshot=${snapshot}`, `--file=${file}`, url],
        {
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      return stats;
    } finally {
      await client.query("COMMIT");
    }
  });
}

/** `pg_restore` into an empty database; refuses one that already holds tables. */
export async function restoreServer(url: string, file: string): Promise<void> {
  const existing = await withClient(url, async (client) =>
    (await tableStats(queryWith(client))).map((table) => table.table),
  );
  if (existing.length > 0)
    throw new BackupError(
      `the target database is not empty (${existing.slice(0, 3).join(", ")}…): restore needs a fresh one`,
    );
  await run(
    postgresTool("pg_restore"),
    ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${url}`, file],
    { maxBuffer: 16 * 1024 * 1024 },
  );
}

export function serverTableStats(url: string): Promise<TableStats[]> {
  return withClient(url, (client) => tableStats(queryWith(client)));
}
