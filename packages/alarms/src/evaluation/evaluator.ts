import { holdMs, meetsClear, meetsRaise, type ReadingCondition } from "./condition";

export type Phase = "normal" | "pending" | "raised";

/** What the evaluator remembers of one (rule, device) between batches; times in epoch ms. */
export interface ConditionState {
  phase: Phase;
  /** When the current streak of raising readings began (pending and raised). */
  conditionSince: number | null;
  /** The value of the reading that began the streak (what a promoted hold is raised with). */
  conditionValue: number | null;
  /** The newest reading applied; older and repeated readings are skipped. */
  lastReadingAt: number | null;
}

export const initialConditionState: ConditionState = {
  phase: "normal",
  conditionSince: null,
  conditionValue: null,
  lastReadingAt: null,
};

export interface Sample {
  at: number;
  value: number;
}

/** A change the alarm must go through, at the time of the reading that caused it. */
export interface Decision {
  kind: "raise" | "clear";
  at: number;
  value: number | null;
}

/**
 * Replays readings of one metric of one device through a rule's condition. Pure: the same
 * state and samples always give the same result, which is what lets two evaluators of one
 * batch, or a batch redelivered after a crash, agree on the transitions (their ids derive
 * from the decision times). Readings at or before `lastReadingAt` were applied already.
 */
export function evaluateSamples(
  condition: ReadingCondition,
  start: ConditionState,
  samples: readonly Sample[],
): { state: ConditionState; decisions: Decision[] } {
  const state = { ...start };
  const decisions: Decision[] = [];
  const hold = holdMs(condition);
  const ordered = [...samples].sort((a, b) => a.at - b.at);
  for (const { at, value } of ordered) {
    if (state.lastReadingAt !== null && at <= state.lastReadingAt) continue;
    state.lastReadingAt = at;
    if (state.phase === "raised") {
      if (meetsClear(condition, value)) {
        state.phase = "normal";
        state.conditionSince = null;
        state.conditionValue = null;
        decisions.push({ kind: "clear", at, value });
      }
      continue;
    }
    if (!meetsRaise(condition, value)) {
      state.phase = "normal";
      state.conditionSince = null;
      state.conditionValue = null;
      continue;
    }
    const continuing = state.phase === "pending" ? state.conditionSince : null;
    const since = continuing ?? at;
    if (continuing === null) state.conditionValue = value;
    state.conditionSince = since;
    if (at - since >= hold) {
      state.phase = "raised";
      decisions.push({ kind: "raise", at, value });
    } else {
      state.phase = "pending";
    }
  }
  return { state, decisions };
}

/**
 * A pending hold judged at `now` with no newer reading: a device that reports only on change
 * is still in the state that began the hold, so once `forSeconds` have passed it is raised at
 * the moment they passed, with the value of the reading that began it. That time, and so the
 * transition's id, is the same for every evaluator that decides it.
 */
export function evaluateHold(
  condition: ReadingCondition,
  start: ConditionState,
  now: number,
): { state: ConditionState; decisions: Decision[] } {
  if (start.phase !== "pending" || start.conditionSince === null) return { state: start, decisions: [] };
  const at = start.conditionSince + holdMs(condition);
  if (now < at) return { state: start, decisions: [] };
  return {
    state: { ...start, phase: "raised" },
    decisions: [{ kind: "raise", at, value: start.conditionValue }],
  };
}

/**
 * The offline condition, judged at `now` from the device's last-seen time: raised once the
 * silence passes `minutes` (at the moment it passed), cleared by the next message.
 */
export function evaluateSilence(
  minutes: number,
  start: ConditionState,
  lastSeenAt: number | null,
  now: number,
): { state: ConditionState; decisions: Decision[] } {
  // A device that never reported is provisioned, not silent.
  if (lastSeenAt === null) return { state: start, decisions: [] };
  const limit = minutes * 60_000;
  const silent = now - lastSeenAt > limit;
  if (silent && start.phase !== "raised") {
    const at = lastSeenAt + limit;
    return {
      state: { phase: "raised", conditionSince: lastSeenAt, conditionValue: null, lastReadingAt: lastSeenAt },
      decisions: [{ kind: "raise", at, value: null }],
    };
  }
  if (!silent && start.phase === "raised") {
    return {
      state: { phase: "normal", conditionSince: null, conditionValue: null, lastReadingAt: lastSeenAt },
      decisions: [{ kind: "clear", at: lastSeenAt, value: null }],
    };
  }
  return { state: start, decisions: [] };
}

export const sameState = (a: ConditionState, b: ConditionState) =>
  a.phase === b.phase && a.conditionSince === b.conditionSince;
