import { randomUUID } from "node:crypto";
import type { Database } from "@revolv/db/client";
import { alarmRules, alarms, devices } from "@revolv/db/schema";
import { asc, eq, inArray } from "drizzle-orm";
import { recordTransition } from "./transitions";

export interface AlarmAction {
  ids: string[];
  actorId: string;
  comment?: string | undefined;
}

/**
 * Acknowledges (active → acknowledged) or clears by hand (active or acknowledged → cleared) the
 * given alarms in one transaction, rows locked in id order so concurrent bulk actions never
 * deadlock. Alarms already in that state, or cleared, are answered as unchanged. Clearing by
 * hand also resets the condition, so a condition still present raises the alarm again.
 */
export async function changeAlarms(
  db: Database,
  action: "acknowledge" | "clear",
  { ids, actorId, comment }: AlarmAction,
): Promise<{ changed: string[]; unchanged: string[]; transitions: number }> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ alarm: alarms, rule: alarmRules, device: devices })
      .from(alarms)
      .innerJoin(alarmRules, eq(alarmRules.id, alarms.ruleId))
      .innerJoin(devices, eq(devices.id, alarms.deviceId))
      .where(inArray(alarms.id, ids))
      .orderBy(asc(alarms.id))
      .for("update", { of: alarms });
    const changed: string[] = [];
    const now = new Date();
    for (const { alarm, rule, device } of rows) {
      const eligible =
        action === "acknowledge"
          ? alarm.status === "active"
          : alarm.status === "active" || alarm.status === "acknowledged";
      if (!eligible) continue;
      const next =
        action === "acknowledge"
          ? {
              ...alarm,
              status: "acknowledged" as const,
              acknowledgedAt: now,
              acknowledgedBy: actorId,
              ackComment: comment ?? null,
            }
          : {
              ...alarm,
              status: "cleared" as const,
              clearedAt: now,
              clearedBy: actorId,
              clearReason: "manual" as const,
              phase: "normal" as const,
              conditionSince: null,
              conditionValue: null,
            };
      const { id, ruleId: _r, deviceId: _d, ...changes } = { ...next, updatedAt: now };
      await tx.update(alarms).set(changes).where(eq(alarms.id, id));
      await recordTransition(
        tx,
        rule,
        next,
        { id: device.id, name: device.name, site: device.site, type: device.type },
        {
          id: randomUUID(),
          kind: action === "acknowledge" ? "acknowledged" : "cleared",
          at: now,
          actorId,
          comment: comment ?? null,
        },
      );
      changed.push(alarm.id);
    }
    const done = new Set(changed);
    return { changed, unchanged: ids.filter((id) => !done.has(id)), transitions: changed.length };
  });
}
