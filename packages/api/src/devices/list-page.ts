import type { ClickHouseClient } from "@clickhouse/client";
import type { Database } from "@revolv/db/client";
import { devices, publicDeviceColumns } from "@revolv/db/schema";
import type { ListDevicesInput } from "@revolv/validators";
import { count } from "drizzle-orm";
import { pageOf } from "../listing";
import { deviceFilterOrder, deviceFilterWhere } from "./list-query";

/**
 * Up to this many matches the page is cut from all of them, found by the filter's own indexes
 * (trigram, GIN, btree), rather than by walking the sort key's index until 25 match. Postgres
 * guesses a search's matches from trigram statistics, which can be off by 15x: it then walks
 * `created_at` through 40,000 rows for a serial that matches 67 (90 ms where the matches alone
 * take 1 ms). The count, taken first, says how many there really are; past this many, matches
 * are dense enough that walking the sort index finds a page at once.
 */
const fencedPageMaxMatches = 5_000;

/** One page of `devices.list`: the count first (it decides the plan), then the page if there is one. */
export async function queryDevicePage(db: Database, clickhouse: ClickHouseClient, input: ListDevicesInput) {
  const where = await deviceFilterWhere(clickhouse, input);
  const [totals] = await db.select({ total: count() }).from(devices).where(where);
  const total = totals?.total ?? 0;
  const offset = (input.page - 1) * input.pageSize;
  if (offset >= total) return pageOf([], total, input);

  if (total <= fencedPageMaxMatches) {
    // OFFSET 0 keeps Postgres from pulling the subquery up, so the outer ORDER BY … LIMIT cannot
    // steer the scan: the matches are found first, then sorted (at most the constant above).
    const matches = db.select(publicDeviceColumns).from(devices).where(where).offset(0).as("matches");
    const items = await db
      .select()
      .from(matches)
      .orderBy(...deviceFilterOrder(input, matches))
      .limit(input.pageSize)
      .offset(offset);
    return pageOf(items, total, input);
  }
  const items = await db
    .select(publicDeviceColumns)
    .from(devices)
    .where(where)
    .orderBy(...deviceFilterOrder(input))
    .limit(input.pageSize)
    .offset(offset);
  return pageOf(items, total, input);
}
