import { holdMs, meetsClear, meetsRaise, type ReadingCondition } from "./condition";

export type Phase = "normal" | "pending" | "raised";

/** What the evaluator remembers of one (rule, device) between batches; times in epoch ms. */
export interface ConditionState {
  phase: Phase;
  /** When the current streak of raising readings began (pending and raised). */
  conditionSince: number | null;
  /** The newest reading applied; older and repeated readings are skipped. */
  lastReadingAt: number | null;
}

export const initialConditionState: ConditionState = {
  phase: "normal",
  conditionSince: null,
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
        decisions.push({ kind: "clear", at, value });
      }
      continue;
    }
    if (!meetsRaise(condition, value)) {
      state.phase = "normal";
      state.conditionSince = null;
      continue;
    }
    const since = state.phase === "pending" && state.conditionSince !== null ? state.conditionSince : at;
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
      state: { phase: "raised", conditionSince: lastSeenAt, lastReadingAt: lastSeenAt },
      decisions: [{ kind: "raise", at, value: null }],
    };
  }
  if (!silent && start.phase === "raised") {
    return {
      state: { phase: "normal", conditionSince: null, lastReadingAt: lastSeenAt },
      decisions: [{ kind: "clear", at: lastSeenAt, value: null }],
    };
  }
  return { state: start, decisions: [] };
}

export const sameState = (a: ConditionState, b: ConditionState) =>
  a.phase === b.phase && a.conditionSince === b.conditionSince;
