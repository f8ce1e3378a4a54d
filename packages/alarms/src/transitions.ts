import type { Database } from "@revolv/db/client";
import { type alarmRules, type alarms, alarmTransitions, notificationDeliveries } from "@revolv/db/schema";
import type { AlarmTransitionKind } from "@revolv/validators";
import { notificationPayloads } from "./notifications/payload";

export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type AlarmRow = typeof alarms.$inferSelect;
export type AlarmRuleRow = typeof alarmRules.$inferSelect;

export interface DeviceSummary {
  id: string;
  name: string;
  site: string;
  type: string;
}

export interface TransitionRecord {
  id: string;
  kind: AlarmTransitionKind;
  at: Date;
  actorId?: string | null;
  comment?: string | null;
  value?: number | null;
}

/**
 * Writes one transition and its notifications (one outbox row per channel of the rule) in the
 * caller's transaction. A transition already stored (same id) writes nothing: it was decided
 * and queued before, so it is neither doubled nor notified twice. Answers whether it was new.
 */
export async function recordTransition(
  tx: Transaction,
  rule: AlarmRuleRow,
  alarm: AlarmRow,
  device: DeviceSummary,
  transition: TransitionRecord,
): Promise<boolean> {
  const inserted = await tx
    .insert(alarmTransitions)
    .values({
      id: transition.id,
      alarmId: alarm.id,
      ruleId: rule.id,
      deviceId: device.id,
      kind: transition.kind,
      at: transition.at,
      actorId: transition.actorId ?? null,
      comment: transition.comment ?? null,
      value: transition.value ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: alarmTransitions.id });
  if (inserted.length === 0) return false;
  const deliveries = notificationPayloads(rule, alarm, device, transition);
  if (deliveries.length > 0) {
    await tx
      .insert(notificationDeliveries)
      .values(deliveries.map((d) => ({ ...d, transitionId: transition.id, ruleId: rule.id })))
      .onConflictDoNothing();
  }
  return true;
}
