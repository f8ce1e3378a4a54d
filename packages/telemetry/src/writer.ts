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

/** Keys per lookup: the parameters travel in the URL on a ClickHouse server (1 MiB by default). */
const lookupChunk = 5_000;

/**
 * Which of these messages are already stored. Reads `telemetry_message_ids`, which a
 * materialized view fills in the same INSERT as the readings, so a message counts as stored
 * exactly when its readings (and therefore its rollup contributions) are. The ids go as typed
 * array parameters, not SQL literals: ClickHouse parses those without building a syntax tree
 * per value, about a quarter of the CPU of the literal list it replaced, and nothing to quote.
 */
export async function findStoredMessages(client: ClickHouseClient, keys: MessageKey[]): Promise<Set<string>> {
  const stored = new Set<string>();
  for (let start = 0; start < keys.length; start += lookupChunk) {
    const chunk = keys.slice(start, start + lookupChunk);
    const rows = await client
      .query({
        // Both lists narrow the primary key (device_id, message_id); the pairs that come back
        // are real stored pairs, and the caller checks each of its own keys exactly.
        query: `SELECT toString(device_id) AS d, message_id AS m FROM telemetry_message_ids
                WHERE device_id IN {deviceIds:Array(UUID)} AND message_id IN {messageIds:Array(String)}`,
        query_params: {
          deviceIds: [...new Set(chunk.map((k) => k.deviceId))],
          messageIds: [...new Set(chunk.map((k) => k.messageId))],
        },
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
