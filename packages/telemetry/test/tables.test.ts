import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hourArchiveColumns, tables } from "../src/tables";

const migrationsDir = path.resolve(import.meta.dirname, "../migrations");
const migrations = readdirSync(migrationsDir)
  .filter((file) => file.endsWith(".sql"))
  .map((file) => readFileSync(path.join(migrationsDir, file), "utf8"))
  .join("\n");

/** The column list of one CREATE TABLE in the migrations. */
function columnsOf(table: string): string[] {
  const match = new RegExp(`CREATE TABLE IF NOT EXISTS ${table}\\s*\\(([\\s\\S]*?)\\n\\)`).exec(migrations);
  if (!match?.[1]) throw new Error(`no CREATE TABLE for ${table} in the migrations`);
  return [...match[1].matchAll(/^\s*([a-z_]+)\s+[A-Z]/gm)].map((column) => column[1] as string);
}

describe("the table names module", () => {
  it("names only tables the migrations create", () => {
    for (const table of Object.values(tables)) expect(columnsOf(table).length).toBeGreaterThan(0);
  });

  it("lists hour-archive columns the table has", () => {
    expect(columnsOf(tables.hourArchive)).toEqual(expect.arrayContaining([...hourArchiveColumns]));
  });
});
