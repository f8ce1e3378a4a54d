import { alarms } from "@revolv/db/schema";
import { and, eq } from "drizzle-orm";
import type { AlarmRow, AlarmRuleRow, DeviceSummary, Transaction } from "../transitions";
import { recordTransition } from "../transitions";
import type { ConditionState, Decision } from "./evaluator";
import { transitionId } from "./transition-id";

export const stateOf = (row: AlarmRow | undefined): ConditionState => ({
  phase: row?.phase ?? "normal",
  conditionSince: row?.conditionSince?.getTime() ?? null,
  conditionValue: row?.conditionValue ?? null,
  lastReadingAt: row?.lastReadingAt?.getTime() ?? null,
});

/**
 * Decides and stores one (rule, device)'s transitions under the row lock: the row is created if
 * missing (the unique (rule, device) index makes that race-free), locked, and the evaluation
 * re-run on the locked state, so two evaluators of the same readings serialize here and the
 * second finds them applied. Answers how many transitions were new.
 */
export async function applyLocked(
  tx: Transaction,
  rule: AlarmRuleRow,
  device: DeviceSummary,
  evaluate: (state: ConditionState) => { state: ConditionState; decisions: Decision[] },
): Promise<number> {
  await tx.insert(alarms).values({ ruleId: rule.id, deviceId: device.id }).onConflictDoNothing();
  const [locked] = await tx
    .select()
    .from(alarms)
    .where(and(eq(alarms.ruleId, rule.id), eq(alarms.deviceId, device.id)))
    .for("update");
  if (!locked) throw new Error(`alarm row of rule ${rule.id} and device ${device.id} vanished`);
  const { state, decisions } = evaluate(stateOf(locked));
  let alarm: AlarmRow = {
    ...locked,
    phase: state.phase,
    conditionSince: state.conditionSince === null ? null : new Date(state.conditionSince),
    conditionValue: state.conditionValue,
    lastReadingAt: state.lastReadingAt === null ? null : new Date(state.lastReadingAt),
    updatedAt: new Date(),
  };
  let created = 0;
  for (const decision of decisions) {
    const at = new Date(decision.at);
    if (decision.kind === "raise") {
      alarm = {
        ...alarm,
        status: "active",
        severity: rule.severity,
        raisedAt: at,
        raisedValue: decision.value,
        raiseCount: alarm.raiseCount + 1,
        acknowledgedAt: null,
        acknowledgedBy: null,
        ackComment: null,
        clearedAt: null,
        clearedBy: null,
        clearReason: null,
      };
    } else {
      // Cleared by hand already: the condition clearing needs no second transition.
      if (alarm.status !== "active" && alarm.status !== "acknowledged") continue;
      alarm = { ...alarm, status: "cleared", clearedAt: at, clearedBy: null, clearReason: "condition" };
    }
    const kind = decision.kind === "raise" ? "raised" : "cleared";
    const isNew = await recordTransition(tx, rule, alarm, device, {
      id: transitionId(rule.id, device.id, kind, decision.at),
      kind,
      at,
      value: decision.value,
    });
    if (isNew) created += 1;
  }
  const { id: _id, ruleId: _rule, deviceId: _device, ...changes } = alarm;
  await tx.update(alarms).set(changes).where(eq(alarms.id, locked.id));
  return created;
}
