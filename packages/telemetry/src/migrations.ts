import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { ClickHouseClient } from "@clickhouse/client";

const defaultMigrationsDir = () => path.resolve(import.meta.dirname, "../migrations");
const migrationsTable = "revolv_schema_migrations";

export interface MigrationResult {
  applied: string[];
  skipped: string[];
}

export class MigrationChecksumError extends Error {}

/**
 * Applies `NNNN_name.sql` files in order, each once, recording name and checksum.
 * A file may hold several statements separated by `;` at line end. An applied file that
 * was edited afterwards is refused: ClickHouse DDL cannot be rolled back, so a changed
 * migration must become a new one.
 */
export async function migrateClickHouse(
  client: ClickHouseClient,
  dir: string = defaultMigrationsDir(),
): Promise<MigrationResult> {
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS ${migrationsTable} (
      name String,
      checksum String,
      applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
    ) ENGINE = MergeTree ORDER BY name`,
  });
  const appliedRows = await client
    .query({ query: `SELECT name, checksum FROM ${migrationsTable}`, format: "JSONEachRow" })
    .then((r) => r.json<{ name: string; checksum: string }>());
  const applied = new Map(appliedRows.map((row) => [row.name, row.checksum]));

  const files = (await listFiles(dir)).filter((f) => /^\d+_.+\.sql$/.test(f)).sort();
  const result: MigrationResult = { applied: [], skipped: [] };
  for (const file of files) {
    const sql = await readFile(path.join(dir, file), "utf8");
    const checksum = createHash("sha256").update(sql).digest("hex");
    const previous = applied.get(file);
    if (previous !== undefined) {
      if (previous !== checksum) {
        throw new MigrationChecksumError(
          `ClickHouse migration ${file} changed after it was applied; add a new migration instead`,
        );
      }
      result.skipped.push(file);
      continue;
    }
    for (const statement of splitStatements(sql)) await client.command({ query: statement });
    await client.insert({
      table: migrationsTable,
      values: [{ name: file, checksum }],
      format: "JSONEachRow",
    });
    result.applied.push(file);
  }
  return result;
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

function splitStatements(sql: string): string[] {
  return sql
    .replace(/^\s*--.*$/gm, "")
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean);
}
