import type { ClickHouseClient } from "@clickhouse/client";
import { type AlarmBacktest, type AlarmBacktestInput, conditionMetric } from "@revolv/validators";
import type { ReadingCondition } from "../evaluation/condition";
import { evaluateSamples, initialConditionState, type Sample } from "../evaluation/evaluator";

const windowMs = { "24h": 86_400_000, "7d": 7 * 86_400_000 } as const;

interface MinuteRow {
  device: string;
  minute: number;
  lo: number;
  hi: number;
  last: number;
}

/** The value of a minute most in favour of raising: a peak within the minute counts. */
function minuteValue(condition: ReadingCondition, row: MinuteRow): number {
  if (condition.kind === "threshold") return condition.operator === "above" ? row.hi : row.lo;
  if (condition.kind === "battery") return row.lo;
  return row.last;
}

/**
 * How often a draft rule would have fired over the window: the minute rollups (the
 * `minute_rollup` projection inside the raw parts) of the rule's metric for the devices in
 * scope, replayed per device through the same evaluator the worker runs. One sample per minute,
 * so a hold shorter than a minute reads as a minute.
 */
export async function backtestRule(
  clickhouse: ClickHouseClient,
  input: AlarmBacktestInput & { condition: ReadingCondition },
  deviceIds: string[],
  now = Date.now(),
): Promise<AlarmBacktest> {
  const to = Math.floor(now / 60_000) * 60_000 + 60_000;
  const from = to - windowMs[input.window];
  const metric = conditionMetric(input.condition);
  const empty = { window: input.window, from: new Date(from), to: new Date(to), resolutionSeconds: 60 };
  if (!metric || deviceIds.length === 0) {
    return { ...empty, devicesEvaluated: 0, devicesFiring: 0, firings: 0, perDevice: [] };
  }
  const rows = await clickhouse
    .query({
      query: `SELECT toString(device_id) AS device, toUnixTimestamp(toStartOfMinute(at)) AS minute,
                     min(value) AS lo, max(value) AS hi, argMax(value, at) AS last
              FROM telemetry_readings
              WHERE device_id IN {ids:Array(UUID)} AND metric = {metric:String}
                AND toStartOfMinute(at) >= {from:DateTime('UTC')} AND toStartOfMinute(at) < {to:DateTime('UTC')}
              GROUP BY device_id, metric, toStartOfMinute(at)
              ORDER BY device, minute`,
      query_params: { ids: deviceIds, metric, from: from / 1000, to: to / 1000 },
      format: "JSONEachRow",
    })
    .then((r) => r.json<MinuteRow>());
  const samples = new Map<string, Sample[]>();
  for (const row of rows) {
    const list = samples.get(row.device) ?? [];
    list.push({ at: Number(row.minute) * 1000, value: minuteValue(input.condition, row) });
    samples.set(row.device, list);
  }
  const perDevice = [...samples].map(([deviceId, list]) => ({
    deviceId,
    firings: evaluateSamples(input.condition, initialConditionState, list).decisions.filter(
      (d) => d.kind === "raise",
    ).length,
  }));
  const firing = perDevice.filter((d) => d.firings > 0).sort((a, b) => b.firings - a.firings);
  return {
    ...empty,
    devicesEvaluated: samples.size,
    devicesFiring: firing.length,
    firings: firing.reduce((sum, d) => sum + d.firings, 0),
    perDevice: firing.slice(0, 50),
  };
}
