import type { ClickHouseClient } from "@clickhouse/client";
import type { MetricName } from "@revolv/validators";
import { deviceEventRow } from "./device-events";
import { type DeviceEventRow, type ReadingRow, tables } from "./tables";

/** The state metrics whose onset is a device event, and the event each starts. */
const eventMetrics = { jam: "jam", fault_code: "fault" } as const satisfies Partial<
  Record<MetricName, "jam" | "fault">
>;
type EventMetric = keyof typeof eventMetrics;
const isEventMetric = (metric: string): metric is EventMetric => metric in eventMetrics;

const atMs = (at: string) => Date.parse(`${at.replace(" ", "T")}Z`);

/**
 * The jams and faults that start in these readings: a `jam` of 1 after 0 (or nothing), a
 * `fault_code` other than 0 that differs from the one before. Firmware repeats a state while it
 * lasts, so one jam is one event, not one per message. "Before" is the device's newest stored
 * reading of that metric older than the batch's first one, then the batch's own in time order;
 * that depends only on what was sent, so a redelivery finds the same events with the same ids
 * (`{metric}:{messageId}:{at}`), which `storeDeviceEvents` stores once.
 */
export async function telemetryEvents(
  client: ClickHouseClient,
  rows: readonly ReadingRow[],
): Promise<DeviceEventRow[]> {
  const byDevice = new Map<string, ReadingRow[]>();
  for (const row of rows) {
    if (!isEventMetric(row.metric)) continue;
    const list = byDevice.get(row.device_id) ?? [];
    list.push(row);
    byDevice.set(row.device_id, list);
  }
  // The common batch (nothing jammed or faulty) costs no query.
  for (const [deviceId, list] of byDevice)
    if (list.every((row) => row.value === 0)) byDevice.delete(deviceId);
  if (byDevice.size === 0) return [];

  const deviceIds = [...byDevice.keys()];
  for (const list of byDevice.values()) list.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const before = deviceIds.map((id) => byDevice.get(id)?.[0]?.at ?? "");
  const previous = await client
    .query({
      query: `SELECT toString(device_id) AS deviceId, metric, argMax(value, at) AS lastValue
              FROM ${tables.readings}
              WHERE device_id IN {deviceIds:Array(UUID)} AND metric IN {metrics:Array(String)}
                AND at < {before:Array(DateTime64(3, 'UTC'))}[indexOf({deviceIds:Array(UUID)}, device_id)]
              GROUP BY device_id, metric`,
      query_params: { deviceIds, metrics: Object.keys(eventMetrics), before },
      format: "JSONEachRow",
    })
    .then((r) => r.json<{ deviceId: string; metric: EventMetric; lastValue: number }>());
  const last = new Map(previous.map((p) => [`${p.deviceId}|${p.metric}`, p.lastValue]));

  const events: DeviceEventRow[] = [];
  for (const [deviceId, list] of byDevice) {
    for (const row of list) {
      const metric = row.metric as EventMetric;
      const key = `${deviceId}|${metric}`;
      const prior = last.get(key) ?? 0;
      last.set(key, row.value);
      if (row.value === 0 || row.value === prior) continue;
      const type = eventMetrics[metric];
      events.push(
        deviceEventRow(
          deviceId,
          `${metric}:${row.message_id}:${atMs(row.at)}`,
          type,
          atMs(row.at),
          type === "fault" ? `fault code ${row.value}` : "intake jammed",
        ),
      );
    }
  }
  return events;
}
