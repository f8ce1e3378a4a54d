import type { ClickHouseClient } from "@clickhouse/client";
import { devices } from "@revolv/db/schema";
import { queryDeviceIdsInCondition } from "@revolv/telemetry";
import type { DeviceAttention, ListDevicesInput } from "@revolv/validators";
import {
  and,
  arrayContains,
  asc,
  desc,
  eq,
  inArray,
  isNull,
  lt,
  ne,
  or,
  type SQL,
  type SQLWrapper,
  sql,
} from "drizzle-orm";
import { searchAny } from "../listing";

/** The filter part of `devices.list`'s input: what the table and its CSV export share. */
export type DeviceFilter = Omit<ListDevicesInput, "page" | "pageSize">;

/** How long without a message makes a device silent (the overview's figure and the filter agree). */
export const silentAfterMs = 60 * 60_000;

/**
 * `attention` as SQL on the devices table. The telemetry conditions are asked of ClickHouse
 * first (its newest readings) and arrive as ids; silence is Postgres's own `last_seen_at`.
 */
async function attentionWhere(
  clickhouse: ClickHouseClient,
  attention: DeviceAttention,
  now: Date,
): Promise<SQL | undefined> {
  if (attention === "silent") {
    return and(
      ne(devices.status, "decommissioned"),
      or(isNull(devices.lastSeenAt), lt(devices.lastSeenAt, new Date(now.getTime() - silentAfterMs))),
    );
  }
  const ids = await queryDeviceIdsInCondition(clickhouse, attention);
  return ids.length > 0 ? inArray(devices.id, ids) : sql`false`;
}

export async function deviceFilterWhere(
  clickhouse: ClickHouseClient,
  filter: DeviceFilter,
  now: Date = new Date(),
): Promise<SQL | undefined> {
  return and(
    filter.type ? eq(devices.type, filter.type) : undefined,
    filter.status ? eq(devices.status, filter.status) : undefined,
    filter.site ? eq(devices.site, filter.site) : undefined,
    filter.tag ? arrayContains(devices.tags, [filter.tag]) : undefined,
    filter.search ? searchAny(filter.search, [devices.name, devices.serialNumber]) : undefined,
    filter.attention ? await attentionWhere(clickhouse, filter.attention, now) : undefined,
  );
}

/** The columns a sort reads: the devices table's own, or those of a subquery over it. */
type SortSource = Record<DeviceFilter["sortBy"] | "id", SQLWrapper>;

/** The sort, tie-broken on id so pages never repeat or skip rows with equal sort keys. */
export function deviceFilterOrder(filter: DeviceFilter, source: SortSource = devices): SQL[] {
  const direction = filter.sortDir === "asc" ? asc : desc;
  return [direction(source[filter.sortBy]), direction(source.id)];
}
