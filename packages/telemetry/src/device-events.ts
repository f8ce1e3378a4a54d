import type { ClickHouseClient } from "@clickhouse/client";
import type { DeviceEvent, DeviceEventsInput, DeviceEventsPage, DeviceEventType } from "@revolv/validators";
import { type DeviceEventRow, tables } from "./tables";
import { clickhouseTime } from "./writer";

const eventColumns = [
  "device_id",
  "event_id",
  "type",
  "at",
  "detail",
] as const satisfies readonly (keyof DeviceEventRow)[];

const eventKey = (deviceId: string, eventId: string) => `${deviceId}|${eventId}`;

/** Ids per lookup: on a server the parameters travel in the URL. */
const lookupChunk = 2_000;

/**
 * Stores the events not stored yet, in one INSERT, and says how many were new. As with readings
 * (writer.ts), the "already stored?" check reads the events table itself, whose parts commit
 * whole: an event a killed writer got in is found, one it did not is inserted. Repeats within
 * `rows` count once. Callers must not run two of these at once for the same events (the worker
 * flushes one batch at a time; the outbox relay holds its rows' locks).
 */
export async function storeDeviceEvents(
  client: ClickHouseClient,
  rows: readonly DeviceEventRow[],
): Promise<{ inserted: number; alreadyStored: number }> {
  const unique = new Map<string, DeviceEventRow>();
  for (const row of rows) unique.set(eventKey(row.device_id, row.event_id), row);
  if (unique.size === 0) return { inserted: 0, alreadyStored: 0 };
  const stored = await findStoredEvents(client, [...unique.values()]);
  const fresh = [...unique.values()].filter((row) => !stored.has(eventKey(row.device_id, row.event_id)));
  if (fresh.length > 0) {
    await client.insert({
      table: tables.deviceEvents,
      columns: [...eventColumns],
      values: fresh.map((row) => eventColumns.map((column) => row[column])),
      format: "JSONCompactEachRow",
    });
  }
  return { inserted: fresh.length, alreadyStored: unique.size - fresh.length };
}

async function findStoredEvents(client: ClickHouseClient, rows: DeviceEventRow[]): Promise<Set<string>> {
  const stored = new Set<string>();
  for (let start = 0; start < rows.length; start += lookupChunk) {
    const chunk = rows.slice(start, start + lookupChunk);
    let earliest = "";
    let latest = "";
    for (const row of chunk) {
      if (earliest === "" || row.at < earliest) earliest = row.at;
      if (row.at > latest) latest = row.at;
    }
    const found = await client
      .query({
        // An event's time is part of its identity, so the batch's range prunes the months it cannot be in.
        query: `SELECT toString(device_id) AS deviceId, event_id AS eventId FROM ${tables.deviceEvents}
                WHERE device_id IN {deviceIds:Array(UUID)} AND event_id IN {eventIds:Array(String)}
                  AND at BETWEEN {earliest:DateTime64(3, 'UTC')} AND {latest:DateTime64(3, 'UTC')}`,
        query_params: {
          deviceIds: [...new Set(chunk.map((row) => row.device_id))],
          eventIds: [...new Set(chunk.map((row) => row.event_id))],
          earliest,
          latest,
        },
        format: "JSONEachRow",
      })
      .then((r) => r.json<{ deviceId: string; eventId: string }>());
    for (const { deviceId, eventId } of found) stored.add(eventKey(deviceId, eventId));
  }
  return stored;
}

/** A device event as a row; `atMs` epoch milliseconds. */
export function deviceEventRow(
  deviceId: string,
  eventId: string,
  type: DeviceEventType,
  atMs: number,
  detail = "",
): DeviceEventRow {
  return { device_id: deviceId, event_id: eventId, type, at: clickhouseTime(atMs), detail };
}

/** One device's events, newest first, one page; filtered by type and time (`from` inclusive, `to` exclusive). */
export async function queryDeviceEvents(
  client: ClickHouseClient,
  input: DeviceEventsInput,
): Promise<DeviceEventsPage> {
  const where = [
    "device_id = {deviceId:UUID}",
    input.type ? "type = {type:String}" : "",
    input.from ? "at >= {from:DateTime64(3, 'UTC')}" : "",
    input.to ? "at < {to:DateTime64(3, 'UTC')}" : "",
  ]
    .filter(Boolean)
    .join(" AND ");
  const params = {
    deviceId: input.id,
    type: input.type ?? "",
    from: input.from ? clickhouseTime(input.from.getTime()) : "",
    to: input.to ? clickhouseTime(input.to.getTime()) : "",
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  };
  const [rows, counted] = await Promise.all([
    client
      .query({
        query: `SELECT event_id AS eventId, type AS eventType, toUnixTimestamp64Milli(at) AS atMs, detail AS eventDetail
                FROM ${tables.deviceEvents} WHERE ${where}
                ORDER BY at DESC, event_id DESC LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
        query_params: params,
        format: "JSONEachRow",
      })
      .then((r) =>
        r.json<{ eventId: string; eventType: DeviceEventType; atMs: string | number; eventDetail: string }>(),
      ),
    client
      .query({
        query: `SELECT count() AS total FROM ${tables.deviceEvents} WHERE ${where}`,
        query_params: params,
        format: "JSONEachRow",
      })
      .then((r) => r.json<{ total: string | number }>()),
  ]);
  const total = Number(counted[0]?.total ?? 0);
  const items: DeviceEvent[] = rows.map((row) => ({
    eventId: row.eventId,
    type: row.eventType,
    at: new Date(Number(row.atMs)),
    detail: row.eventDetail,
  }));
  return {
    items,
    page: input.page,
    pageSize: input.pageSize,
    total,
    pageCount: Math.ceil(total / input.pageSize),
  };
}
