import type { ClickHouseClient } from "@clickhouse/client";

/** `ok`, or the reason ClickHouse cannot answer. */
export async function checkClickHouse(client: ClickHouseClient): Promise<string> {
  try {
    const result = await client.query({ query: "SELECT 1 AS ok", format: "JSONEachRow" });
    const rows = await result.json<{ ok: number }>();
    return rows[0]?.ok === 1 ? "ok" : "unexpected answer to SELECT 1";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
