import type { ClickHouseClient } from "@clickhouse/client";
import type { DeviceType, SqsTelemetryBody } from "@revolv/validators";

export const readingsTable = "telemetry_readings";

/** One row of `telemetry_readings` as JSONEachRow sends it (times as UTC `YYYY-MM-DD hh:mm:ss.sss`). */
export interface ReadingRow {
  device_id: string;
  device_type: DeviceType;
  metric: string;
  at: string;
  value: number;
  value_text: string;
  message_id: string;
  received_at: string;
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

/** Flattens one validated SQS body into rows; a reading without `at` takes the message's deviceTime. */
export function readingRowsFrom(body: SqsTelemetryBody, deviceType: DeviceType): ReadingRow[] {
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

// Message ids are restricted by the contract to [A-Za-z0-9_.:-] and device ids are UUIDs,
// but quoting stays defensive: this string is SQL.
const quote = (value: string) => `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
const checkChunk = 1_000;

/**
 * Which of these messages are already stored. Reads `telemetry_message_ids`, which a
 * materialized view fills in the same INSERT as the readings, so a message counts as stored
 * exactly when its readings (and therefore its rollup contributions) are.
 */
export async function findStoredMessages(client: ClickHouseClient, keys: MessageKey[]): Promise<Set<string>> {
  const stored = new Set<string>();
  // Chunked so the literal list stays far below max_query_size (256 KiB) on any server.
  for (let start = 0; start < keys.length; start += checkChunk) {
    const chunk = keys.slice(start, start + checkChunk);
    const deviceIds = [...new Set(chunk.map((k) => k.deviceId))].map(quote).join(",");
    const messageIds = [...new Set(chunk.map((k) => k.messageId))].map(quote).join(",");
    const rows = await client
      .query({
        query: `SELECT toString(device_id) AS d, message_id AS m FROM telemetry_message_ids
                WHERE device_id IN (${deviceIds}) AND message_id IN (${messageIds})`,
        format: "JSONCompactEachRow",
      })
      .then((r) => r.json<[string, string]>());
    for (const [deviceId, messageId] of rows) stored.add(messageKey(deviceId, messageId));
  }
  return stored;
}

/** One INSERT for the whole batch; the materialized views build rollups from the same block. */
export async function insertReadings(client: ClickHouseClient, rows: ReadingRow[]): Promise<void> {
  if (rows.length === 0) return;
  await client.insert({ table: readingsTable, values: rows, format: "JSONEachRow" });
}

/**
 * Whether the readings table answers a query now. After a failed insert the ingest worker
 * waits for this before it receives again, so an outage does not spend the messages'
 * receive counts (SQS dead-letters a message after maxReceiveCount receives).
 */
export async function readingsTableAnswers(client: ClickHouseClient): Promise<boolean> {
  try {
    await client
      .query({ query: `SELECT 1 FROM ${readingsTable} LIMIT 0`, format: "JSONEachRow" })
      .then((r) => r.json());
    return true;
  } catch {
    return false;
  }
}
