import type { Database } from "@revolv/db/client";
import { sql } from "drizzle-orm";

/**
 * One statement per flushed batch for every device in it: last_seen_at moves forward only, and
 * a provisioned or offline device becomes online (maintenance stays maintenance; a
 * decommissioned device is never touched). A device that was offline gets its `came_back`
 * event in the outbox in the same statement, so the event exists exactly when the status
 * changed (the relay moves it to ClickHouse). `FOR UPDATE` makes a second worker seeing the
 * same device wait and then read it online: one came_back, not two. The rows travel as one
 * JSON parameter, so the statement is the same whatever the batch size. Decommissioned is read
 * from the status alone, as `isDecommissioned` reads it: a CHECK keeps `decommissioned_at` in
 * step with it.
 *
 * The came_back time is when this statement ran, not the message's receipt time: a batch that
 * was still on its way when the sweep gave up on the device can carry a receipt time before the
 * went_offline time (its last message plus the timeout), and the pair would read backwards.
 */
export async function markDevicesSeen(db: Database, seenAt: Map<string, number>): Promise<void> {
  if (seenAt.size === 0) return;
  const rows = JSON.stringify([...seenAt].map(([id, ms]) => ({ id, seen: new Date(ms).toISOString() })));
  await db.execute(sql`
    WITH seen AS (
      SELECT * FROM json_to_recordset(${rows}::json) AS v(id uuid, seen timestamptz)
    ), before AS (
      SELECT d.id, d.status FROM devices AS d JOIN seen ON seen.id = d.id
      WHERE d.status <> 'decommissioned'
      ORDER BY d.id
      FOR UPDATE OF d
    ), updated AS (
      UPDATE devices AS d
      SET last_seen_at = GREATEST(COALESCE(d.last_seen_at, seen.seen), seen.seen),
          status = CASE WHEN before.status IN ('provisioned', 'offline') THEN 'online' ELSE before.status END
      FROM seen JOIN before ON before.id = seen.id
      WHERE d.id = seen.id
      RETURNING d.id
    )
    INSERT INTO device_event_outbox (device_id, type, at, detail)
    SELECT before.id, 'came_back', date_trunc('milliseconds', now()), ''
    FROM before JOIN seen ON seen.id = before.id
    WHERE before.status = 'offline' AND before.id IN (SELECT id FROM updated)`);
}
