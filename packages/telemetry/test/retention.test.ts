import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ClickHouseHandle, createClickHouse } from "../src/client";
import { migrateClickHouse } from "../src/migrations";
import { applyRetention } from "../src/retention";

describe("retention per table on chDB", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-retention-"));
  let handle: ClickHouseHandle;
  const ttlOf = async (table: string) => {
    const [[ddl] = [""]] = await handle.client
      .query({ query: `SHOW CREATE TABLE ${table}`, format: "JSONCompactEachRow" })
      .then((r) => r.json<[string]>());
    return /TTL (.*)/.exec(ddl)?.[1]?.trim();
  };

  beforeAll(async () => {
    handle = createClickHouse({ kind: "chdb", dataDir });
    await migrateClickHouse(handle.client);
  });
  afterAll(async () => {
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("keeps the migrations' defaults when nothing is set", async () => {
    expect(await applyRetention(handle.client, {})).toEqual([]);
    expect(await ttlOf("telemetry_readings")).toBe("toDateTime(at) + toIntervalDay(400)");
    expect(await ttlOf("telemetry_hour_archive")).toBe("bucket + toIntervalDay(1825)");
  });

  it("sets the raw table's and the hour archive's TTL, and says the minute one no longer applies", async () => {
    const applied = await applyRetention(handle.client, {
      TELEMETRY_RAW_TTL_DAYS: 30,
      TELEMETRY_MINUTE_TTL_DAYS: 30,
      TELEMETRY_HOUR_TTL_DAYS: 3_650,
    });
    expect(applied).toEqual([
      "TELEMETRY_MINUTE_TTL_DAYS ignored: minute rollups live in the raw parts and follow TELEMETRY_RAW_TTL_DAYS",
      "telemetry_readings: 30 days",
      "telemetry_hour_archive: 3650 days",
    ]);
    expect(await ttlOf("telemetry_readings")).toBe("toDateTime(at) + toIntervalDay(30)");
    expect(await ttlOf("telemetry_hour_archive")).toBe("bucket + toIntervalDay(3650)");
  });
});
