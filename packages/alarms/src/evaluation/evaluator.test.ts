import { describe, expect, it } from "vitest";
import type { ReadingCondition } from "./condition";
import { evaluateSamples, evaluateSilence, initialConditionState } from "./evaluator";

const binFull: ReadingCondition = {
  kind: "threshold",
  metric: "bin_fill_pet_pct",
  operator: "above",
  threshold: 90,
  clearThreshold: 50,
  forSeconds: 120,
};
const s = (seconds: number, value: number) => ({ at: seconds * 1000, value });

describe("evaluateSamples", () => {
  it("raises once the value holds at or past the threshold for the duration, and not before", () => {
    const early = evaluateSamples(binFull, initialConditionState, [s(0, 91), s(60, 95)]);
    expect(early.decisions).toEqual([]);
    expect(early.state.phase).toBe("pending");
    const held = evaluateSamples(binFull, early.state, [s(120, 92), s(180, 99)]);
    expect(held.decisions).toEqual([{ kind: "raise", at: 120_000, value: 92 }]);
  });

  it("restarts the hold when the value drops under the threshold while pending", () => {
    const { decisions } = evaluateSamples(binFull, initialConditionState, [
      s(0, 95),
      s(60, 80),
      s(120, 95),
      s(180, 95),
    ]);
    expect(decisions).toEqual([]);
  });

  it("clears only past the clear threshold (hysteresis), and raises again when the condition returns", () => {
    const { decisions } = evaluateSamples(binFull, initialConditionState, [
      s(0, 95),
      s(120, 95),
      s(180, 70),
      s(240, 49),
      s(300, 95),
      s(420, 96),
    ]);
    expect(decisions.map((d) => [d.kind, d.at / 1000])).toEqual([
      ["raise", 120],
      ["clear", 240],
      ["raise", 420],
    ]);
  });

  it("skips readings already applied, so a batch evaluated twice decides nothing the second time", () => {
    const first = evaluateSamples(binFull, initialConditionState, [s(0, 95), s(120, 95)]);
    const again = evaluateSamples(binFull, first.state, [s(0, 95), s(120, 95)]);
    expect(first.decisions).toHaveLength(1);
    expect(again.decisions).toEqual([]);
    expect(again.state).toEqual(first.state);
  });

  it("reads state, fault and battery conditions", () => {
    const jam: ReadingCondition = { kind: "state", metric: "jam", equals: 1, forSeconds: 0 };
    expect(
      evaluateSamples(jam, initialConditionState, [s(0, 0), s(1, 1), s(2, 0)]).decisions.map((d) => d.kind),
    ).toEqual(["raise", "clear"]);
    const fault: ReadingCondition = { kind: "fault", codes: [42] };
    expect(evaluateSamples(fault, initialConditionState, [s(0, 7), s(1, 42)]).decisions).toEqual([
      { kind: "raise", at: 1000, value: 42 },
    ]);
    const battery: ReadingCondition = { kind: "battery", belowPct: 20, clearAbovePct: 30, forSeconds: 0 };
    expect(
      evaluateSamples(battery, initialConditionState, [s(0, 19), s(1, 25), s(2, 31)]).decisions.map(
        (d) => d.kind,
      ),
    ).toEqual(["raise", "clear"]);
  });
});

describe("evaluateSilence", () => {
  it("raises when the last message is older than the limit and clears when the device reports again", () => {
    const minute = 60_000;
    const raised = evaluateSilence(10, initialConditionState, 0, 11 * minute);
    expect(raised.decisions).toEqual([{ kind: "raise", at: 10 * minute, value: null }]);
    expect(evaluateSilence(10, raised.state, 0, 12 * minute).decisions).toEqual([]);
    expect(evaluateSilence(10, raised.state, 12 * minute, 12 * minute).decisions).toEqual([
      { kind: "clear", at: 12 * minute, value: null },
    ]);
    expect(evaluateSilence(10, initialConditionState, null, 99 * minute).decisions).toEqual([]);
  });
});
