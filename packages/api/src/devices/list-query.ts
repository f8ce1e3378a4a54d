import { devices } from "@revolv/db/schema";
import type { ListDevicesInput } from "@revolv/validators";
import { and, arrayContains, asc, desc, eq, type SQL } from "drizzle-orm";
import { searchAny } from "../listing";

/** The filter part of `devices.list`'s input: what the table and its CSV export share. */
export type DeviceFilter = Omit<ListDevicesInput, "page" | "pageSize">;

export function deviceFilterWhere(filter: DeviceFilter): SQL | undefined {
  return and(
    filter.type ? eq(devices.type, filter.type) : undefined,
    filter.status ? eq(devices.status, filter.status) : undefined,
    filter.site ? eq(devices.site, filter.site) : undefined,
    filter.tag ? arrayContains(devices.tags, [filter.tag]) : undefined,
    filter.search ? searchAny(filter.search, [devices.name, devices.serialNumber]) : undefined,
  );
}

/** The sort, tie-broken on id so pages never repeat or skip rows with equal sort keys. */
export function deviceFilterOrder(filter: DeviceFilter): SQL[] {
  const direction = filter.sortDir === "asc" ? asc : desc;
  return [direction(devices[filter.sortBy]), direction(devices.id)];
}
