import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { DeviceType, Reading } from "@revolv/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ClickHouseHandle, createClickHouse } from "../src/client";
import { migrateClickHouse } from "../src/migrations";
import { queryFleetSummary } from "../src/queries";
import { insertReadings, readingRowsFrom } from "../src/writer";

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const now = new Date("2026-03-10T12:20:00.000Z");

interface Message {
  deviceId: string;
  type: DeviceType;
  ago: number;
  readings: Reading[];
}

const [rvmA, rvmB, rvmC, soundboxX, soundboxY] = [1, 2, 3, 4, 5].map(() => randomUUID()) as [
  string,
  string,
  string,
  string,
  string,
];

const messages: Message[] = [
  // Faulted, jammed, PET bin nearly full; reported a minute ago.
  {
    deviceId: rvmA,
    type: "rvm",
    ago: minuteMs,
    readings: [
      { metric: "fault_code", value: 204 },
      { metric: "jam", value: 1 },
      { metric: "door_open", value: 0 },
      { metric: "bin_fill_pet_pct", value: 95 },
      { metric: "bin_fill_aluminium_pct", value: 10 },
      { metric: "bin_fill_glass_pct", value: 20 },
    ],
  },
  // Outside the 24 h window: counted as reporting, not in readings per hour.
  { deviceId: rvmA, type: "rvm", ago: 30 * hourMs, readings: [{ metric: "temperature_c", value: 18 }] },
  // A fault that has cleared since: the newest fault_code (0) decides.
  { deviceId: rvmB, type: "rvm", ago: 2 * hourMs, readings: [{ metric: "fault_code", value: 101 }] },
  {
    deviceId: rvmB,
    type: "rvm",
    ago: 30 * minuteMs,
    readings: [
      { metric: "fault_code", value: 0 },
      { metric: "jam", value: 0 },
      { metric: "door_open", value: 1 },
      { metric: "bin_fill_pet_pct", value: 10 },
      { metric: "bin_fill_aluminium_pct", value: 20 },
      { metric: "bin_fill_glass_pct", value: 30 },
    ],
  },
  // Reports one bin only, hours ago; that bin alone makes it nearly full.
  { deviceId: rvmC, type: "rvm", ago: 3 * hourMs, readings: [{ metric: "bin_fill_glass_pct", value: 92 }] },
  {
    deviceId: soundboxX,
    type: "soundbox",
    ago: 2 * minuteMs,
    readings: [{ metric: "battery_pct", value: 15 }],
  },
  // Was low, has charged since.
  {
    deviceId: soundboxY,
    type: "soundbox",
    ago: 5 * hourMs,
    readings: [{ metric: "battery_pct", value: 10 }],
  },
  {
    deviceId: soundboxY,
    type: "soundbox",
    ago: 90 * minuteMs,
    readings: [
      { metric: "battery_pct", value: 80 },
      { metric: "firmware_version", value: "2.4.1" },
    ],
  },
];

/** Numeric readings stored per hour within the 24 hours before `now`, oldest first. */
function expectedPerHour(type?: DeviceType) {
  const perHour = new Map<number, number>();
  const windowStart = Math.floor(now.getTime() / hourMs) * hourMs - 24 * hourMs;
  for (const message of messages) {
    if (type && message.type !== type) continue;
    const hour = Math.floor((now.getTime() - message.ago) / hourMs) * hourMs;
    if (hour <= windowStart) continue;
    const numeric = message.readings.filter((r) => typeof r.value === "number").length;
    perHour.set(hour, (perHour.get(hour) ?? 0) + numeric);
  }
  return [...perHour.entries()].sort(([a], [b]) => a - b).map(([t, count]) => ({ t: new Date(t), count }));
}

describe("fleet telemetry summary on chDB", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-fleet-"));
  let handle: ClickHouseHandle;

  beforeAll(async () => {
    handle = createClickHouse({ kind: "chdb", dataDir });
    await migrateClickHouse(handle.client);
    // One INSERT per message, as separate worker flushes would store them.
    for (const [i, message] of messages.entries()) {
      const at = now.getTime() - message.ago;
      await insertReadings(
        handle.client,
        readingRowsFrom(
          {
            deviceId: message.deviceId,
            messageId: `m-${i}`,
            deviceTime: new Date(at).toISOString(),
            receivedAt: at + 200,
            readings: message.readings,
          },
          message.type,
        ),
      );
    }
  });
  afterAll(async () => {
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("counts reporting, faulted, jammed, open, nearly full and low-battery devices from their newest values", async () => {
    const summary = await queryFleetSummary(handle.client, {}, now);
    expect(summary.at).toEqual(now);
    expect(summary.byType).toEqual([
      {
        type: "rvm",
        reporting: 3,
        reportingLast5m: 1,
        reportingLast1h: 2,
        faulted: 1,
        jammed: 1,
        doorsOpen: 1,
        binsNearlyFull: 2,
        lowBattery: 0,
        avgBinFillPct: expect.closeTo(((95 + 10 + 20) / 3 + (10 + 20 + 30) / 3 + 92) / 3, 9),
        avgBatteryPct: null,
      },
      {
        type: "soundbox",
        reporting: 2,
        reportingLast5m: 1,
        reportingLast1h: 1,
        faulted: 0,
        jammed: 0,
        doorsOpen: 0,
        binsNearlyFull: 0,
        lowBattery: 1,
        avgBinFillPct: null,
        avgBatteryPct: expect.closeTo((15 + 80) / 2, 9),
      },
    ]);
    expect(summary.readingsPerHour).toEqual(expectedPerHour());
    expect(summary.readingsLast24h).toBe(expectedPerHour().reduce((sum, h) => sum + h.count, 0));
  });

  it("narrows every figure to one device type", async () => {
    const summary = await queryFleetSummary(handle.client, { type: "soundbox" }, now);
    expect(summary.byType.map((t) => t.type)).toEqual(["soundbox"]);
    expect(summary.readingsPerHour).toEqual(expectedPerHour("soundbox"));
    expect(summary.readingsLast24h).toBe(3);
  });
});
