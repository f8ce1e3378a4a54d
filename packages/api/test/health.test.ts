import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openTestDatabase } from "@revolv/db/testing";
import { createClickHouse } from "@revolv/telemetry";
import { afterAll, describe, expect, it } from "vitest";
import { checkHealth } from "../src/health";

describe("health report", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-health-"));
  const clickhouse = createClickHouse({ kind: "chdb", dataDir: path.join(dataDir, "chdb") });
  afterAll(async () => {
    await clickhouse.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("is ok when both engines answer", async () => {
    const database = await openTestDatabase(path.join(dataDir, "pg-ok"));
    try {
      expect(await checkHealth({ db: database.db, clickhouse: clickhouse.client })).toEqual({
        status: "ok",
        checks: { postgres: "ok", clickhouse: "ok" },
      });
    } finally {
      await database.close();
    }
  });

  it("names the failing engine's reason in place of ok", async () => {
    const database = await openTestDatabase(path.join(dataDir, "pg-closed"));
    await database.close();
    const report = await checkHealth({ db: database.db, clickhouse: clickhouse.client });
    expect(report.status).toBe("degraded");
    expect(report.checks.clickhouse).toBe("ok");
    expect(report.checks.postgres).not.toBe("ok");
    expect(report.checks.postgres.length).toBeGreaterThan(0);
  });
});
