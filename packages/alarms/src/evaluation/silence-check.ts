import type { Database } from "@revolv/db/client";
import { alarms, devices } from "@revolv/db/schema";
import { and, arrayContains, eq, isNotNull, lt, ne, or, type SQL } from "drizzle-orm";
import { applyLocked, stateOf } from "./apply";
import { evaluateSilence } from "./evaluator";
import type { RuleCache } from "./rule-cache";

/**
 * The offline rules, judged from `devices.last_seen_at` at `now`: devices in scope silent for
 * longer than the rule's minutes, and those whose silence alarm is raised (to clear it once
 * they report again). Run periodically by the worker; idempotent, so any number of workers
 * may run it. Devices in maintenance or decommissioned are never judged silent.
 */
export async function checkSilence(db: Database, rules: RuleCache, now = Date.now()): Promise<number> {
  let created = 0;
  for (const rule of await rules.enabled()) {
    const condition = rule.condition;
    if (condition.kind !== "offline") continue;
    const scope: (SQL | undefined)[] = [
      rule.scope.deviceType ? eq(devices.type, rule.scope.deviceType) : undefined,
      rule.scope.site ? eq(devices.site, rule.scope.site) : undefined,
      rule.scope.tag ? arrayContains(devices.tags, [rule.scope.tag]) : undefined,
    ];
    const candidates = await db
      .select({
        id: devices.id,
        name: devices.name,
        site: devices.site,
        type: devices.type,
        lastSeenAt: devices.lastSeenAt,
        alarm: alarms,
      })
      .from(devices)
      .leftJoin(alarms, and(eq(alarms.deviceId, devices.id), eq(alarms.ruleId, rule.id)))
      .where(
        and(
          ...scope,
          ne(devices.status, "decommissioned"),
          ne(devices.status, "maintenance"),
          isNotNull(devices.lastSeenAt),
          or(lt(devices.lastSeenAt, new Date(now - condition.minutes * 60_000)), eq(alarms.phase, "raised")),
        ),
      );
    for (const { alarm, lastSeenAt, ...device } of candidates) {
      const seen = lastSeenAt?.getTime() ?? null;
      const preview = evaluateSilence(condition.minutes, stateOf(alarm ?? undefined), seen, now);
      if (preview.decisions.length === 0) continue;
      created += await db.transaction((tx) =>
        applyLocked(tx, rule, device, (state) => evaluateSilence(condition.minutes, state, seen, now)),
      );
    }
  }
  return created;
}
