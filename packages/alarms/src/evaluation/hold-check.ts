import type { Database } from "@revolv/db/client";
import { alarms, devices } from "@revolv/db/schema";
import { and, eq, inArray } from "drizzle-orm";
import { applyLocked, stateOf } from "./apply";
import type { ReadingCondition } from "./condition";
import { evaluateHold } from "./evaluator";
import type { RuleCache } from "./rule-cache";
import { scopedDeviceColumns, scopeMatches } from "./scope";

/**
 * Raises the pending holds whose `forSeconds` have passed by `now`: the readings only promote a
 * hold when a later one arrives, and a device that reports only on change (a door left open)
 * sends none. Reads the pending rows without a lock, then decides each under its row lock on
 * the locked state (applyLocked), so a hold a reading cleared or raised in between is left
 * alone, and any number of workers may run it: the raise's id derives from the hold's start
 * and length, the same for all of them. Answers how many new transitions it stored.
 */
export async function promoteHolds(db: Database, rules: RuleCache, now = Date.now()): Promise<number> {
  const holdRules = (await rules.enabled()).filter(
    (rule) => rule.condition.kind !== "offline" && "forSeconds" in rule.condition,
  );
  if (holdRules.length === 0) return 0;
  const byId = new Map(holdRules.map((rule) => [rule.id, rule]));
  const pending = await db
    .select({
      alarm: alarms,
      device: scopedDeviceColumns,
    })
    .from(alarms)
    .innerJoin(devices, eq(devices.id, alarms.deviceId))
    .where(and(eq(alarms.phase, "pending"), inArray(alarms.ruleId, [...byId.keys()])));
  let created = 0;
  for (const { alarm, device } of pending) {
    const rule = byId.get(alarm.ruleId);
    // A rule whose scope no longer covers the device leaves its hold to the next reading.
    if (!rule || !scopeMatches(rule.scope, device)) continue;
    const condition = rule.condition as ReadingCondition;
    if (evaluateHold(condition, stateOf(alarm), now).decisions.length === 0) continue;
    const { tags: _tags, ...summary } = device;
    created += await db.transaction((tx) =>
      applyLocked(tx, rule, summary, (state) => evaluateHold(condition, state, now)),
    );
  }
  return created;
}
