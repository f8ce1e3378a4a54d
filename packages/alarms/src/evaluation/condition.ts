import type { AlarmCondition } from "@revolv/validators";

/** A reading-based condition; the offline condition is judged from last seen (see silence.ts). */
export type ReadingCondition = Exclude<AlarmCondition, { kind: "offline" }>;

/** The reading puts the device in alarm (the raise side of the band). */
export function meetsRaise(condition: ReadingCondition, value: number): boolean {
  switch (condition.kind) {
    case "threshold":
      return condition.operator === "above" ? value >= condition.threshold : value <= condition.threshold;
    case "state":
      return value === condition.equals;
    case "fault":
      return condition.codes ? condition.codes.includes(value) : value !== 0;
    case "battery":
      return value < condition.belowPct;
  }
}

/** The reading takes a raised alarm out (the clear side of the band, past the hysteresis). */
export function meetsClear(condition: ReadingCondition, value: number): boolean {
  switch (condition.kind) {
    case "threshold": {
      const clear = condition.clearThreshold ?? condition.threshold;
      return condition.operator === "above" ? value < clear : value > clear;
    }
    case "battery":
      return value >= (condition.clearAbovePct ?? condition.belowPct);
    case "state":
    case "fault":
      return !meetsRaise(condition, value);
  }
}

export const holdMs = (condition: ReadingCondition): number =>
  "forSeconds" in condition ? condition.forSeconds * 1000 : 0;
