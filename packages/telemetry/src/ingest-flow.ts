import type { ClickHouseClient } from "@clickhouse/client";
import { lastHourByMinute, type MinuteRow } from "./last-hour";
import { tables } from "./tables";
import { clickhouseTime } from "./writer";

export interface IngestFlow {
  /** Messages stored per minute by the time they were stored (not device time), all 60 minutes. */
  perMinute: { t: Date; count: number }[];
  /** Broker receipt → stored, per message stored in the hour; null when none was. */
  lagSeconds: { p50: number; p95: number; max: number } | null;
  /** The newest row's store time, however old. */
  lastStoredAt: Date | null;
}

/**
 * What the ingest pipeline stored over the hour before `now`, read from the rows themselves:
 * `inserted_at` is set by ClickHouse per insert, `received_at` is the broker's (the IoT rule's)
 * receipt time, so this reads the same whichever process the worker runs in. `inserted_at` is
 * not in the sort key; the bound on `at` (a day, for devices with skewed clocks) keeps the
 * scan to the newest partitions.
 */
export async function queryIngestFlow(client: ClickHouseClient, now: Date = new Date()): Promise<IngestFlow> {
  const params = { now: clickhouseTime(now.getTime()) };
  const recent = `inserted_at > {now:DateTime64(3, 'UTC')} - INTERVAL 1 HOUR AND inserted_at <= {now:DateTime64(3, 'UTC')}
                  AND at > {now:DateTime64(3, 'UTC')} - INTERVAL 1 DAY`;
  const [minutes, [lag], [last]] = await Promise.all([
    client
      .query({
        query: `SELECT toUnixTimestamp(toStartOfMinute(inserted_at)) AS minute, uniqExact(device_id, message_id) AS messages
                FROM ${tables.readings} WHERE ${recent}
                GROUP BY minute ORDER BY minute`,
        query_params: params,
        format: "JSONEachRow",
      })
      .then((r) => r.json<MinuteRow>()),
    client
      .query({
        query: `SELECT count() AS messages, quantile(0.5)(lag) AS p50, quantile(0.95)(lag) AS p95, max(lag) AS max
                FROM (SELECT device_id, message_id,
                             (toUnixTimestamp64Milli(min(inserted_at)) - toUnixTimestamp64Milli(min(received_at))) / 1000 AS lag
                      FROM ${tables.readings} WHERE ${recent}
                      GROUP BY device_id, message_id)`,
        query_params: params,
        format: "JSONEachRow",
      })
      .then((r) =>
        r.json<{ messages: string | number; p50: number | null; p95: number | null; max: number | null }>(),
      ),
    client
      .query({
        query: `SELECT count() AS rows, toUnixTimestamp64Milli(max(inserted_at)) AS lastMs FROM ${tables.readings}
                WHERE at > {now:DateTime64(3, 'UTC')} - INTERVAL 1 DAY`,
        query_params: params,
        format: "JSONEachRow",
      })
      .then((r) => r.json<{ rows: string | number; lastMs: string | number }>()),
  ]);
  return {
    perMinute: lastHourByMinute(minutes, now),
    lagSeconds:
      lag && Number(lag.messages) > 0
        ? { p50: Number(lag.p50), p95: Number(lag.p95), max: Number(lag.max) }
        : null,
    lastStoredAt: last && Number(last.rows) > 0 ? new Date(Number(last.lastMs)) : null,
  };
}
