import type { ClickHouseClient } from "@clickhouse/client";
import type { Database } from "@revolv/db/client";
import { deviceEventOutbox } from "@revolv/db/schema";
import { deviceEventRow, storeDeviceEvents } from "@revolv/telemetry";
import { asc, inArray } from "drizzle-orm";

/**
 * Moves connectivity events from the Postgres outbox to ClickHouse: takes up to `limit` rows
 * (locked, skipping rows another relay holds, so concurrent relays split the work), stores
 * those ClickHouse lacks, and deletes them in the same transaction. Killed after the insert and
 * before the commit, the rows come back unlocked and the next relay finds them stored: each
 * event once. Returns how many rows it moved.
 */
export async function relayDeviceEventOutbox(
  db: Database,
  clickhouse: ClickHouseClient,
  limit = 1_000,
): Promise<{ moved: number; inserted: number }> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(deviceEventOutbox)
      .orderBy(asc(deviceEventOutbox.at))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (rows.length === 0) return { moved: 0, inserted: 0 };
    const { inserted } = await storeDeviceEvents(
      clickhouse,
      rows.map((row) => deviceEventRow(row.deviceId, row.id, row.type, row.at.getTime(), row.detail)),
    );
    await tx.delete(deviceEventOutbox).where(
      inArray(
        deviceEventOutbox.id,
        rows.map((row) => row.id),
      ),
    );
    return { moved: rows.length, inserted };
  });
}
