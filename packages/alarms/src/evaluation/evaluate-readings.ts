import type { Database } from "@revolv/db/client";
import { alarms, devices } from "@revolv/db/schema";
import { conditionMetric } from "@revolv/validators";
import { and, inArray } from "drizzle-orm";
import type { AlarmRow } from "../transitions";
import { applyLocked, stateOf } from "./apply";
import type { ReadingCondition } from "./condition";
import { evaluateSamples, type Sample, sameState } from "./evaluator";
import type { RuleCache } from "./rule-cache";
import { scopedDeviceColumns, scopeMatches } from "./scope";

export interface EvaluatedReading {
  deviceId: string;
  metric: string;
  /** Epoch ms of the reading. */
  at: number;
  value: number;
}

/**
 * A batch's readings, or a function that picks them given the metrics the enabled rules watch:
 * the ingest worker builds only those (none at all while no rule watches a reading), rather than
 * converting every row of every batch for rules that mostly do not exist.
 */
export type ReadingsToEvaluate =
  | readonly EvaluatedReading[]
  | ((watched: ReadonlySet<string>) => readonly EvaluatedReading[]);

/**
 * Runs a stored batch's readings through every enabled reading rule. One query for the devices,
 * one for their alarm rows; only pairs whose state would change (a raising reading, a pending
 * or raised alarm) take a transaction with the row lock, so a fleet in good health costs two
 * reads per batch. Safe to run twice on the same batch, or in two workers at once (see
 * applyLocked). Answers how many new transitions it stored.
 */
export async function evaluateReadings(
  db: Database,
  rules: RuleCache,
  readings: ReadingsToEvaluate,
): Promise<number> {
  const readingRules = (await rules.enabled()).filter((rule) => rule.condition.kind !== "offline");
  if (readingRules.length === 0) return 0;
  const watched: ReadonlySet<string> = new Set(
    readingRules.flatMap((rule) => conditionMetric(rule.condition) ?? []),
  );
  const list = typeof readings === "function" ? readings(watched) : readings;
  if (list.length === 0) return 0;
  const byDevice = new Map<string, Map<string, Sample[]>>();
  for (const reading of list) {
    if (!watched.has(reading.metric)) continue;
    const metrics = byDevice.get(reading.deviceId) ?? new Map<string, Sample[]>();
    byDevice.set(reading.deviceId, metrics);
    const samples = metrics.get(reading.metric) ?? [];
    samples.push({ at: reading.at, value: reading.value });
    metrics.set(reading.metric, samples);
  }
  if (byDevice.size === 0) return 0;
  const deviceIds = [...byDevice.keys()];
  const [deviceRows, alarmRows] = await Promise.all([
    db.select(scopedDeviceColumns).from(devices).where(inArray(devices.id, deviceIds)),
    db
      .select()
      .from(alarms)
      .where(
        and(
          inArray(alarms.deviceId, deviceIds),
          inArray(
            alarms.ruleId,
            readingRules.map((rule) => rule.id),
          ),
        ),
      ),
  ]);
  const existing = new Map<string, AlarmRow>(alarmRows.map((row) => [`${row.ruleId}|${row.deviceId}`, row]));
  let created = 0;
  for (const device of deviceRows) {
    const metrics = byDevice.get(device.id);
    if (!metrics) continue;
    for (const rule of readingRules) {
      if (!scopeMatches(rule.scope, device)) continue;
      const condition = rule.condition as ReadingCondition;
      const samples = metrics.get(conditionMetric(condition) ?? "");
      if (!samples) continue;
      const before = stateOf(existing.get(`${rule.id}|${device.id}`));
      const preview = evaluateSamples(condition, before, samples);
      // Read without the lock: a pair another evaluator changed a moment ago is caught up by
      // the device's next message, as the lock would have ordered it anyway.
      if (preview.decisions.length === 0 && sameState(before, preview.state)) continue;
      const { tags: _tags, ...summary } = device;
      created += await db.transaction((tx) =>
        applyLocked(tx, rule, summary, (state) => evaluateSamples(condition, state, samples)),
      );
    }
  }
  return created;
}
