import { type Database, queryRows } from "@revolv/db/client";
import { sql } from "drizzle-orm";

/**
 * Deletes delivered and failed outbox rows created more than `retentionMs` before `now` (the
 * transitions themselves, the audit trail, stay). In chunks of `chunk` rows, each its own
 * statement, so a first run over a large backlog never holds many row locks at once. Several
 * dispatchers may run it together: a row deleted twice is simply not found. Answers how many.
 */
export async function pruneDeliveries(
  db: Database,
  retentionMs: number,
  now = Date.now(),
  chunk = 1_000,
): Promise<number> {
  const before = new Date(now - retentionMs);
  let pruned = 0;
  for (;;) {
    const rows = await queryRows<{ id: string }>(
      db,
      sql`DELETE FROM notification_deliveries
          WHERE id IN (
            SELECT id FROM notification_deliveries
            WHERE status IN ('delivered', 'failed') AND created_at < ${before}
            LIMIT ${chunk})
          RETURNING id`,
    );
    pruned += rows.length;
    if (rows.length < chunk) return pruned;
  }
}
