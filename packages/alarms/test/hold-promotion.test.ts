import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { DatabaseHandle } from "@revolv/db";
import { alarms, alarmTransitions, devices, notificationDeliveries } from "@revolv/db/schema";
import { openTestDatabase } from "@revolv/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAlarmEvaluator } from "../src/index";
import { insertGlassBinRule } from "./support/glass-bin-rule";

/**
 * A device that reports only on change (a bin that stays full sends nothing more): its hold is
 * raised by the worker's periodic check once `forSeconds` have passed, not by a later reading.
 */
describe("periodic promotion of pending holds", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-hold-"));
  let handle: DatabaseHandle;
  let ruleId: string;
  const t0 = Date.parse("2026-11-30T10:00:00Z");
  const holdMs = 600_000;
  const metric = "bin_fill_glass_pct";

  const addDevice = async (serialNumber: string) => {
    const [row] = await handle.db
      .insert(devices)
      .values({ type: "rvm", serialNumber, name: serialNumber, site: "Lab", credentialHash: "x" })
      .returning({ id: devices.id });
    return row?.id as string;
  };
  const alarmOf = async (deviceId: string) =>
    (await handle.db.select().from(alarms).where(eq(alarms.deviceId, deviceId)))[0];
  const transitionsOf = (deviceId: string) =>
    handle.db.select().from(alarmTransitions).where(eq(alarmTransitions.deviceId, deviceId));

  beforeAll(async () => {
    handle = await openTestDatabase(dataDir);
    ruleId = await insertGlassBinRule(handle.db, {
      name: "Glass bin full for 10 minutes",
      forSeconds: holdMs / 1000,
    });
  });
  afterAll(async () => {
    await handle?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("raises a hold without a later reading once forSeconds have passed, once however often it is checked", async () => {
    const deviceId = await addDevice("SN-HOLD-1");
    const a = createAlarmEvaluator({ db: handle.db, ruleCacheTtlMs: 0 });
    const b = createAlarmEvaluator({ db: handle.db, ruleCacheTtlMs: 0 });
    expect(await a.evaluateReadings([{ deviceId, metric, at: t0, value: 91 }])).toBe(0);
    expect((await alarmOf(deviceId))?.phase).toBe("pending");

    expect(await a.promoteHolds(t0 + holdMs - 1)).toBe(0);
    expect((await alarmOf(deviceId))?.phase).toBe("pending");

    const now = t0 + holdMs + 45_000;
    const created = await Promise.all([a.promoteHolds(now), b.promoteHolds(now), a.promoteHolds(now)]);
    expect(created.reduce((sum, n) => sum + n, 0)).toBe(1);
    expect(await b.promoteHolds(now + 60_000)).toBe(0);

    const alarm = await alarmOf(deviceId);
    expect(alarm).toMatchObject({ ruleId, phase: "raised", status: "active", raisedValue: 91 });
    // Raised when the hold passed, not when the check happened to run.
    expect(alarm?.raisedAt?.getTime()).toBe(t0 + holdMs);
    expect(alarm?.conditionSince?.getTime()).toBe(t0);
    const transitions = await transitionsOf(deviceId);
    expect(transitions.map(({ kind, value, at }) => ({ kind, value, at: at.getTime() }))).toEqual([
      { kind: "raised", value: 91, at: t0 + holdMs },
    ]);
    const queued = await handle.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.transitionId, transitions[0]?.id as string));
    expect(queued).toHaveLength(1);

    // The device's next reading, still full, neither raises again nor clears.
    expect(await a.evaluateReadings([{ deviceId, metric, at: now + 120_000, value: 95 }])).toBe(0);
    expect(await transitionsOf(deviceId)).toHaveLength(1);
  });

  it("leaves a hold alone whose condition cleared before the time passed", async () => {
    const deviceId = await addDevice("SN-HOLD-2");
    const evaluator = createAlarmEvaluator({ db: handle.db, ruleCacheTtlMs: 0 });
    await evaluator.evaluateReadings([{ deviceId, metric, at: t0, value: 91 }]);
    await evaluator.evaluateReadings([{ deviceId, metric, at: t0 + 60_000, value: 40 }]);
    expect(await evaluator.promoteHolds(t0 + holdMs * 3)).toBe(0);
    expect(await alarmOf(deviceId)).toMatchObject({ phase: "normal", status: null, conditionValue: null });
    expect(await transitionsOf(deviceId)).toHaveLength(0);
  });

  it("times a hold restarted by a new streak from the new streak, with its value", async () => {
    const deviceId = await addDevice("SN-HOLD-3");
    const evaluator = createAlarmEvaluator({ db: handle.db, ruleCacheTtlMs: 0 });
    await evaluator.evaluateReadings([
      { deviceId, metric, at: t0, value: 91 },
      { deviceId, metric, at: t0 + 60_000, value: 40 },
      { deviceId, metric, at: t0 + 120_000, value: 88 },
    ]);
    expect(await evaluator.promoteHolds(t0 + holdMs + 60_000)).toBe(0);
    expect(await evaluator.promoteHolds(t0 + holdMs + 120_000)).toBe(1);
    expect(await alarmOf(deviceId)).toMatchObject({ phase: "raised", raisedValue: 88 });
    expect((await alarmOf(deviceId))?.raisedAt?.getTime()).toBe(t0 + 120_000 + holdMs);
  });
});
