import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ClickHouseHandle, createClickHouse } from "../src/client";
import { checkClickHouse } from "../src/health";
import { MigrationChecksumError, migrateClickHouse } from "../src/migrations";

const fixtures = path.resolve(import.meta.dirname, "fixtures/migrations");

describe("ClickHouse migrations on chDB", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-chdb-"));
  const migrationsDir = mkdtempSync(path.join(tmpdir(), "revolv-chdb-migrations-"));
  let handle: ClickHouseHandle;

  beforeAll(() => {
    cpSync(fixtures, migrationsDir, { recursive: true });
    handle = createClickHouse({ kind: "chdb", dataDir });
  });
  afterAll(async () => {
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(migrationsDir, { recursive: true, force: true });
  });

  it("answers the health check", async () => {
    expect(await checkClickHouse(handle.client)).toBe("ok");
  });

  it("applies each file once, in order, and records it", async () => {
    const first = await migrateClickHouse(handle.client, migrationsDir);
    expect(first.applied).toEqual(["0001_create_probe.sql", "0002_add_column.sql"]);

    const second = await migrateClickHouse(handle.client, migrationsDir);
    expect(second).toEqual({ applied: [], skipped: ["0001_create_probe.sql", "0002_add_column.sql"] });

    const rows = await handle.client
      .query({ query: "SELECT id, label, note FROM probe", format: "JSONEachRow" })
      .then((r) => r.json());
    // The INSERT in 0001 ran exactly once despite two migrate calls.
    expect(rows).toEqual([{ id: 1, label: "first", note: "added" }]);
  });

  it("refuses an applied migration that was edited afterwards", async () => {
    writeFileSync(path.join(migrationsDir, "0002_add_column.sql"), "SELECT 1;");
    await expect(migrateClickHouse(handle.client, migrationsDir)).rejects.toBeInstanceOf(
      MigrationChecksumError,
    );
  });
});
