import type { Database } from "@revolv/db/client";
import { evaluateReadings, type ReadingsToEvaluate } from "./evaluate-readings";
import { promoteHolds } from "./hold-check";
import { RuleCache } from "./rule-cache";
import { checkSilence } from "./silence-check";

export interface AlarmEvaluatorOptions {
  db: Database;
  /** How long the enabled rules are cached (a saved rule is in force within it). */
  ruleCacheTtlMs?: number;
  /** New transitions were stored: e.g. wake the notification dispatcher. */
  onTransitions?: (count: number) => void;
}

/** What the ingest worker calls: after each stored batch, and periodically for silence and holds. */
export interface AlarmEvaluator {
  /** Readings as a list, or picked for the metrics the enabled rules watch (see ReadingsToEvaluate). */
  evaluateReadings(readings: ReadingsToEvaluate): Promise<number>;
  checkSilence(now?: number): Promise<number>;
  /** Raises the pending holds whose `forSeconds` have passed (see hold-check.ts). */
  promoteHolds(now?: number): Promise<number>;
}

export function createAlarmEvaluator({
  db,
  ruleCacheTtlMs,
  onTransitions,
}: AlarmEvaluatorOptions): AlarmEvaluator {
  const rules = new RuleCache(db, ruleCacheTtlMs);
  const report = (count: number) => {
    if (count > 0) onTransitions?.(count);
    return count;
  };
  return {
    evaluateReadings: async (readings) => report(await evaluateReadings(db, rules, readings)),
    checkSilence: async (now) => report(await checkSilence(db, rules, now)),
    promoteHolds: async (now) => report(await promoteHolds(db, rules, now)),
  };
}
