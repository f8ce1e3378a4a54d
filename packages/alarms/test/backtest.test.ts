import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  type ClickHouseHandle,
  createClickHouse,
  insertReadings,
  migrateClickHouse,
  type ReadingRow,
} from "@revolv/telemetry";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backtestRule } from "../src/index";

const minute = 60_000;
const at = (ms: number) => new Date(ms).toISOString().slice(0, 23).replace("T", " ");

/** The backtest over chDB's minute rollups, against firings counted by hand. */
describe("alarms.rules.backtest over the minute rollups", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "revolv-alarms-backtest-"));
  let clickhouse: ClickHouseHandle;
  const busy = randomUUID();
  const quiet = randomUUID();
  const now = Date.parse("2026-11-30T12:00:00Z");

  beforeAll(async () => {
    clickhouse = createClickHouse({ kind: "chdb", dataDir: path.join(dir, "chdb") });
    await migrateClickHouse(clickhouse.client);
    const row = (device: string, ms: number, value: number, k: number): ReadingRow => ({
      device_id: device,
      device_type: "rvm",
      metric: "bin_fill_pet_pct",
      at: at(ms),
      value,
      value_text: "",
      message_id: `m-${k}`,
      received_at: at(ms),
    });
    const start = now - 10 * 60 * minute;
    // The busy RVM, one reading every 20 s: full for 3 min (fires), a 1-min spike (too short),
    // 30 % (clears), full for 4 min (fires again). The quiet one never passes 60 %.
    const busyValues = [
      95, 95, 95, 95, 95, 95, 95, 95, 95, 40, 40, 40, 96, 96, 96, 30, 30, 30, 92, 92, 92, 92, 92, 92, 92, 92,
      92, 92, 92, 92,
    ];
    const rows = busyValues.map((v, k) => row(busy, start + k * 20_000, v, k));
    for (let k = 0; k < 30; k++) rows.push(row(quiet, start + k * 20_000, 50 + (k % 10), k));
    // Outside the 24 h window: must not count.
    rows.push(
      row(busy, now - 30 * 60 * minute * 60, 99, 99),
      row(busy, now - 30 * 60 * minute * 60 + 5 * minute, 99, 100),
    );
    await insertReadings(clickhouse.client, rows);
  });
  afterAll(async () => {
    await clickhouse?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("counts how often a draft rule would have fired, per device, with its hold and hysteresis", async () => {
    const result = await backtestRule(
      clickhouse.client,
      {
        scope: {},
        window: "24h",
        condition: {
          kind: "threshold",
          metric: "bin_fill_pet_pct",
          operator: "above",
          threshold: 90,
          clearThreshold: 50,
          forSeconds: 120,
        },
      },
      [busy, quiet],
      now,
    );
    expect(result).toMatchObject({
      window: "24h",
      resolutionSeconds: 60,
      devicesEvaluated: 2,
      devicesFiring: 1,
      firings: 2,
      perDevice: [{ deviceId: busy, firings: 2 }],
    });
  });
});
