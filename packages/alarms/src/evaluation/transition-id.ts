import { createHash } from "node:crypto";
import type { AlarmTransitionKind } from "@revolv/validators";

/**
 * A transition's id from what decided it: the rule, the device, the kind and the time of the
 * reading (or silence) that caused it. Whoever decides it, however often, gets the same id, so
 * the insert of a repeated decision is a no-op and webhooks dedupe on it (the idempotency key).
 */
export function transitionId(
  ruleId: string,
  deviceId: string,
  kind: AlarmTransitionKind,
  at: number,
): string {
  return createHash("sha256").update(`${ruleId}|${deviceId}|${kind}|${at}`).digest("hex").slice(0, 32);
}
