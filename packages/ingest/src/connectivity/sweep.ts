import type { Database } from "@revolv/db/client";
import { queryRows } from "@revolv/db/client";
import type { DeviceType } from "@revolv/validators";
import { sql } from "drizzle-orm";

/** Seconds without a message after which a device of each type counts as offline. */
export type InactivityTimeouts = Record<DeviceType, number>;

/** The advisory lock every sweeper of one database takes; any 64-bit key no other code uses. */
const sweepLockKey = sql`hashtextextended('revolv.connectivity-sweep', 0)`;

export type SweepResult = { swept: false } | { swept: true; wentOffline: string[] };

/**
 * Marks offline every online device whose last message is older than its type's timeout and
 * writes each one's `went_offline` event into the outbox, in one transaction. Any number of
 * web and worker instances may call it at once: the transaction-scoped advisory lock lets one
 * of them sweep and the others return at once (`swept: false`) instead of queueing behind it;
 * the lock goes with the commit, or with the connection if the process dies.
 *
 * The event's time is the sweep's, like came_back's is the time its status changed: both are
 * when Postgres changed the status, so a device's events read in the order they happened even
 * when a late batch brings back a device the sweep just gave up on. The detail names the last
 * message's time.
 */
export async function sweepInactiveDevices(
  db: Database,
  timeouts: InactivityTimeouts,
  { whileLocked }: { whileLocked?: () => Promise<void> } = {},
): Promise<SweepResult> {
  const perType = JSON.stringify(Object.entries(timeouts).map(([type, seconds]) => ({ type, seconds })));
  return db.transaction(async (tx) => {
    const [lock] = await queryRows<{ locked: boolean }>(
      tx,
      sql`SELECT pg_try_advisory_xact_lock(${sweepLockKey}) AS locked`,
    );
    if (!lock?.locked) return { swept: false };
    // Test-only: holds the lock so a concurrent sweeper can be seen to skip.
    await whileLocked?.();
    const gone = await queryRows<{ deviceId: string }>(
      tx,
      sql`
        WITH timeout AS (
          SELECT type, make_interval(secs => seconds) AS after
          FROM json_to_recordset(${perType}::json) AS t(type text, seconds double precision)
        ), went AS (
          UPDATE devices AS d SET status = 'offline'
          FROM timeout
          WHERE d.type = timeout.type AND d.status = 'online'
            AND COALESCE(d.last_seen_at, d.updated_at) < now() - timeout.after
          RETURNING d.id, COALESCE(d.last_seen_at, d.updated_at) AS last_seen, timeout.after
        )
        INSERT INTO device_event_outbox (device_id, type, at, detail)
        SELECT id, 'went_offline', date_trunc('milliseconds', now()),
               'no message for ' || extract(epoch FROM after)::int || ' s (last at '
                 || to_char(last_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || ')'
        FROM went
        RETURNING device_id AS "deviceId"`,
    );
    return { swept: true, wentOffline: gone.map((row) => row.deviceId) };
  });
}
