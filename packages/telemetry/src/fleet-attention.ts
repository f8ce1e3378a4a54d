import type { ClickHouseClient } from "@clickhouse/client";
import { type MetricName, metricNames } from "@revolv/validators";
import { lastHourByMinute, type MinuteRow } from "./last-hour";
import { tables } from "./tables";
import { clickhouseTime } from "./writer";

/** Where the overview draws its lines; the fleet summary counts with the same ones. */
export const attentionThresholds = { binFillPct: 90, batteryPct: 20 } as const;

const binFillMetrics = metricNames.filter((name) => name.startsWith("bin_fill_"));
const metric = (name: MetricName) => name;

/** The bin a fill metric measures: `bin_fill_pet_pct` → `pet`. */
export const materialOf = (name: string) => name.replace(/^bin_fill_/, "").replace(/_pct$/, "");

export type BinNearlyFull = { deviceId: string; material: string; fillPct: number; at: Date };

/** Every bin whose newest fill reading is at or above the threshold, fullest first. */
export async function queryBinsNearlyFull(client: ClickHouseClient, limit = 50): Promise<BinNearlyFull[]> {
  const rows = await client
    .query({
      query: `SELECT toString(device_id) AS deviceId, metric, argMax(value, at) AS fill,
                     toUnixTimestamp64Milli(max(at)) AS atMs
              FROM ${tables.latest}
              WHERE metric IN {metrics:Array(String)}
              GROUP BY device_id, metric
              HAVING fill >= {threshold:Float64}
              ORDER BY fill DESC, deviceId, metric
              LIMIT {limit:UInt32}`,
      query_params: { metrics: binFillMetrics, threshold: attentionThresholds.binFillPct, limit },
      format: "JSONEachRow",
    })
    .then((r) => r.json<{ deviceId: string; metric: string; fill: number; atMs: string }>());
  return rows.map((row) => ({
    deviceId: row.deviceId,
    material: materialOf(row.metric),
    fillPct: row.fill,
    at: new Date(Number(row.atMs)),
  }));
}

export type LowBattery = { deviceId: string; batteryPct: number; at: Date };

/** Devices whose newest battery reading is under the threshold, emptiest first. */
export async function queryLowBattery(client: ClickHouseClient, limit = 50): Promise<LowBattery[]> {
  const rows = await client
    .query({
      query: `SELECT toString(device_id) AS deviceId, argMax(value, at) AS battery,
                     toUnixTimestamp64Milli(max(at)) AS atMs
              FROM ${tables.latest}
              WHERE metric = {metric:String}
              GROUP BY device_id
              HAVING battery < {threshold:Float64}
              ORDER BY battery, deviceId
              LIMIT {limit:UInt32}`,
      query_params: { metric: metric("battery_pct"), threshold: attentionThresholds.batteryPct, limit },
      format: "JSONEachRow",
    })
    .then((r) => r.json<{ deviceId: string; battery: number; atMs: string }>());
  return rows.map((row) => ({
    deviceId: row.deviceId,
    batteryPct: row.battery,
    at: new Date(Number(row.atMs)),
  }));
}

export type RecentFaults = { deviceId: string; jams: number; faultCodes: number[]; lastAt: Date };

/** Devices that reported a jam or a non-zero fault code in the 24 hours before `now`, latest first. */
export async function queryFaultsLast24h(
  client: ClickHouseClient,
  now: Date = new Date(),
  limit = 50,
): Promise<RecentFaults[]> {
  const rows = await client
    .query({
      query: `SELECT toString(device_id) AS deviceId, countIf(metric = {jam:String}) AS jams,
                     arraySort(groupUniqArrayIf(toUInt32(value), metric = {fault:String})) AS faultCodes,
                     toUnixTimestamp64Milli(max(at)) AS lastAtMs
              FROM ${tables.readings}
              WHERE metric IN ({jam:String}, {fault:String}) AND value != 0
                AND at > {now:DateTime64(3, 'UTC')} - INTERVAL 24 HOUR AND at <= {now:DateTime64(3, 'UTC')}
              GROUP BY device_id
              ORDER BY lastAtMs DESC, deviceId
              LIMIT {limit:UInt32}`,
      query_params: {
        jam: metric("jam"),
        fault: metric("fault_code"),
        now: clickhouseTime(now.getTime()),
        limit,
      },
      format: "JSONEachRow",
    })
    .then((r) =>
      r.json<{
        deviceId: string;
        jams: string | number;
        faultCodes: (string | number)[];
        lastAtMs: string;
      }>(),
    );
  return rows.map((row) => ({
    deviceId: row.deviceId,
    jams: Number(row.jams),
    faultCodes: row.faultCodes.map(Number),
    lastAt: new Date(Number(row.lastAtMs)),
  }));
}

/** Distinct messages stored per minute over the hour before `now`, by device time. */
export async function queryMessagesPerMinute(
  client: ClickHouseClient,
  now: Date = new Date(),
): Promise<{ t: Date; count: number }[]> {
  const rows = await client
    .query({
      query: `SELECT toUnixTimestamp(toStartOfMinute(at)) AS minute, uniqExact(device_id, message_id) AS messages
              FROM ${tables.readings}
              WHERE at > {now:DateTime64(3, 'UTC')} - INTERVAL 1 HOUR AND at <= {now:DateTime64(3, 'UTC')}
              GROUP BY minute ORDER BY minute`,
      query_params: { now: clickhouseTime(now.getTime()) },
      format: "JSONEachRow",
    })
    .then((r) => r.json<MinuteRow>());
  return lastHourByMinute(rows, now);
}

/**
 * The ids of devices in a telemetry condition now, for the device list's `attention` filter;
 * the same definitions as the overview's lists and the fleet summary's counts.
 */
export async function queryDeviceIdsInCondition(
  client: ClickHouseClient,
  condition: "bins_nearly_full" | "low_battery" | "jammed" | "faulted",
): Promise<string[]> {
  const [metrics, holds] = {
    bins_nearly_full: [binFillMetrics, `v >= ${attentionThresholds.binFillPct}`],
    low_battery: [[metric("battery_pct")], `v < ${attentionThresholds.batteryPct}`],
    jammed: [[metric("jam")], "v = 1"],
    faulted: [[metric("fault_code")], "v != 0"],
  }[condition] as [string[], string];
  const rows = await client
    .query({
      query: `SELECT DISTINCT toString(device_id) AS deviceId FROM (
                SELECT device_id, metric, argMax(value, at) AS v FROM ${tables.latest}
                WHERE metric IN {metrics:Array(String)}
                GROUP BY device_id, metric
                HAVING ${holds}
              )`,
      query_params: { metrics },
      format: "JSONEachRow",
    })
    .then((r) => r.json<{ deviceId: string }>());
  return rows.map((row) => row.deviceId);
}
