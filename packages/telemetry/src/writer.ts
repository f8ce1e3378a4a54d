import type { ClickHouseClient } from "@clickhouse/client";
import type { DeviceType } from "@revolv/validators";
import { type LatestRow, type ReadingRow, tables } from "./tables";

/**
 * What one device message brings to storage. The queue's message body is one (the worker passes
 * the body it validated), but storage depends on these fields alone, not on the SQS contract.
 */
export interface DeviceMessage {
  deviceId: string;
  messageId: string;
  /** The device's clock when it sent the message (ISO 8601); a reading without `at` takes it. */
  deviceTime: string;
  /** When the cloud received it, epoch milliseconds. */
  receivedAt: number;
  readings: readonly { metric: string; value: number | string; at?: string | undefined }[];
}

/** Identifies a device message across redeliveries (the device keeps its messageId). */
export interface MessageKey {
  deviceId: string;
  messageId: string;
}

export const messageKey = (deviceId: string, messageId: string) => `${deviceId}|${messageId}`;

/** ClickHouse's DateTime64(3) text form; parsing it needs no best-effort setting. */
export function clickhouseTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 23).replace("T", " ");
}

/** Flattens one validated message into rows; a reading without `at` takes the message's deviceTime. */
export function readingRowsFrom(body: DeviceMessage, deviceType: DeviceType): ReadingRow[] {
  const deviceTime = clickhouseTime(Date.parse(body.deviceTime));
  const receivedAt = clickhouseTime(body.receivedAt);
  return body.readings.map((reading) => {
    const text = typeof reading.value === "string";
    return {
      device_id: body.deviceId,
      device_type: deviceType,
      metric: reading.metric,
      at: reading.at ? clickhouseTime(Date.parse(reading.at)) : deviceTime,
      value: text ? 0 : (reading.value as number),
      value_text: text ? (reading.value as string) : "",
      message_id: body.messageId,
      received_at: receivedAt,
    };
  });
}

const readingColumns = [
  "device_id",
  "device_type",
  "metric",
  "at",
  "value",
  "value_text",
  "message_id",
  "received_at",
] as const satisfies readonly (keyof ReadingRow)[];

/** One stored reading: a message's metric at a time (a message may carry several times). */
export const readingKey = (deviceId: string, messageId: string, metric: string, atMs: number) =>
  `${deviceId}|${messageId}|${metric}|${atMs}`;

const keyOfRow = (row: ReadingRow) =>
  readingKey(row.device_id, row.message_id, row.metric, Date.parse(`${row.at.replace(" ", "T")}Z`));

/** Messages per lookup: the parameters travel in the URL on a ClickHouse server (1 MiB by default). */
const lookupChunk = 5_000;

interface LookupChunk {
  /** The chunk's own messages (`messageKey`). */
  keys: Set<string>;
  deviceIds: Set<string>;
  messageIds: Set<string>;
}

/**
 * How many rows of each reading of these rows' messages the raw table already holds. Reads the
 * raw table itself (its `message_lookup` projection, ordered by device and message, inside
 * each part): a reading counts as stored exactly when its row is, whatever moment an earlier
 * writer died at. One INSERT writes one part per month partition, so a message can be half
 * stored; the caller keeps the rows not stored yet (`withoutStoredRows`). The ids go as
 * typed array parameters, not SQL literals: nothing to quote, no syntax tree per value.
 */
export async function findStoredReadings(
  client: ClickHouseClient,
  rows: ReadingRow[],
): Promise<Map<string, number>> {
  const chunks: LookupChunk[] = [];
  const seen = new Set<string>();
  let chunk: LookupChunk | undefined;
  let earliest = "";
  let latest = "";
  let previous: ReadingRow | undefined;
  for (const row of rows) {
    if (earliest === "" || row.at < earliest) earliest = row.at;
    if (row.at > latest) latest = row.at;
    // A message's rows are adjacent: one key per message, not per reading.
    if (previous && previous.message_id === row.message_id && previous.device_id === row.device_id) continue;
    previous = row;
    const key = messageKey(row.device_id, row.message_id);
    if (seen.has(key)) continue;
    seen.add(key);
    if (!chunk || chunk.keys.size >= lookupChunk) {
      chunk = { keys: new Set(), deviceIds: new Set(), messageIds: new Set() };
      chunks.push(chunk);
    }
    chunk.keys.add(key);
    chunk.deviceIds.add(row.device_id);
    chunk.messageIds.add(row.message_id);
  }
  const stored = new Map<string, number>();
  for (const { keys, deviceIds, messageIds } of chunks) {
    const found = await client
      .query({
        // Both lists narrow the projection's key (device_id, message_id); the batch's time
        // range prunes the month partitions it cannot be in (a stored row has its reading's
        // exact time). Rows, not GROUP BY: an aggregate here makes ClickHouse skip the
        // projection. What comes back are real stored rows, matched exactly against the
        // caller's own rows.
        query: `SELECT toString(device_id) AS deviceId, message_id AS messageId, metric,
                       toUnixTimestamp64Milli(at) AS atMs
                FROM ${tables.readings}
                WHERE device_id IN {deviceIds:Array(UUID)} AND message_id IN {messageIds:Array(String)}
                  AND at BETWEEN {earliest:DateTime64(3, 'UTC')} AND {latest:DateTime64(3, 'UTC')}`,
        query_params: { deviceIds: [...deviceIds], messageIds: [...messageIds], earliest, latest },
        format: "JSONEachRow",
      })
      .then((r) => r.json<{ deviceId: string; messageId: string; metric: string; atMs: string }>());
    for (const { deviceId, messageId, metric, atMs } of found) {
      // The lists also match pairs crossed between the chunk's messages, some of them another
      // chunk's: a row counts only in the chunk its message belongs to, so never twice.
      if (!keys.has(messageKey(deviceId, messageId))) continue;
      const key = readingKey(deviceId, messageId, metric, Number(atMs));
      stored.set(key, (stored.get(key) ?? 0) + 1);
    }
  }
  return stored;
}

/**
 * Splits rows into those still to insert and those already stored. Counted per reading, so a
 * message that repeats a metric at one time keeps as many rows as it sent.
 */
export function withoutStoredRows(
  rows: ReadingRow[],
  stored: Map<string, number>,
): { fresh: ReadingRow[]; alreadyStored: ReadingRow[] } {
  // The common case (nothing redelivered): no key to build per row.
  if (stored.size === 0) return { fresh: rows, alreadyStored: [] };
  const left = new Map(stored);
  const fresh: ReadingRow[] = [];
  const alreadyStored: ReadingRow[] = [];
  for (const row of rows) {
    const key = keyOfRow(row);
    const remaining = left.get(key) ?? 0;
    if (remaining > 0) {
      left.set(key, remaining - 1);
      alreadyStored.push(row);
    } else {
      fresh.push(row);
    }
  }
  return { fresh, alreadyStored };
}

/**
 * One INSERT for the rows; their projections (message lookup, minute and hour rollups) are
 * written inside the same parts, so they commit with the rows. The latest-state view runs
 * after: see `rewriteLatest` for what covers a writer dying in between.
 */
export async function insertReadings(client: ClickHouseClient, rows: ReadingRow[]): Promise<void> {
  if (rows.length === 0) return;
  await client.insert({
    table: tables.readings,
    columns: [...readingColumns],
    values: rows.map((row) => readingColumns.map((column) => row[column])),
    format: "JSONCompactEachRow",
  });
}

/**
 * Writes the latest state for rows found already stored. Their INSERT fed `telemetry_latest`
 * through its view after the raw part committed; a writer killed in between left the raw rows
 * without their latest state, and the redelivery skips the raw insert. Writing the newest of
 * them again is harmless: the table keeps the newest `at` per (device, metric), and queries
 * take `argMax` over whatever is unmerged.
 */
export async function rewriteLatest(client: ClickHouseClient, rows: ReadingRow[]): Promise<void> {
  const newest = new Map<string, ReadingRow>();
  for (const row of rows) {
    const key = `${row.device_id}|${row.metric}`;
    const seen = newest.get(key);
    if (!seen || seen.at < row.at) newest.set(key, row);
  }
  if (newest.size === 0) return;
  await client.insert({
    table: tables.latest,
    values: [...newest.values()].map(
      (row): LatestRow => ({
        device_id: row.device_id,
        device_type: row.device_type,
        metric: row.metric,
        at: row.at,
        value: row.value,
        value_text: row.value_text,
        received_at: row.received_at,
      }),
    ),
    format: "JSONEachRow",
  });
}

/**
 * Whether the readings table answers a query now. After a failed insert the ingest worker
 * waits for this before it receives again, so an outage does not spend the messages'
 * receive counts (SQS dead-letters a message after maxReceiveCount receives).
 */
export async function readingsTableAnswers(client: ClickHouseClient): Promise<boolean> {
  try {
    await client
      .query({ query: `SELECT 1 FROM ${tables.readings} LIMIT 0`, format: "JSONEachRow" })
      .then((r) => r.json());
    return true;
  } catch {
    return false;
  }
}
