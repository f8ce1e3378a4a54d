import type { Database } from "@revolv/db/client";
import { sql } from "drizzle-orm";

/**
 * One UPDATE per flushed batch for every device in it: last_seen_at moves forward only, and
 * a provisioned or offline device becomes online (maintenance stays maintenance; a
 * decommissioned device is never touched). The rows travel as one JSON parameter, so the
 * statement is the same whatever the batch size. Decommissioned is read from the status alone,
 * as `isDecommissioned` reads it: a CHECK keeps `decommissioned_at` in step with it.
 */
export async function markDevicesSeen(db: Database, seenAt: Map<string, number>): Promise<void> {
  if (seenAt.size === 0) return;
  const rows = JSON.stringify([...seenAt].map(([id, ms]) => ({ id, seen: new Date(ms).toISOString() })));
  await db.execute(sql`
    UPDATE devices AS d
    SET last_seen_at = GREATEST(COALESCE(d.last_seen_at, v.seen), v.seen),
        status = CASE WHEN d.status IN ('provisioned', 'offline') THEN 'online' ELSE d.status END
    FROM json_to_recordset(${rows}::json) AS v(id uuid, seen timestamptz)
    WHERE d.id = v.id AND d.status <> 'decommissioned'`);
}
