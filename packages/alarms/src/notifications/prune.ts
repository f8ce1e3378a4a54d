import { type Database, queryRows } from "@revolv/db/client";
import { type SQL, sql } from "drizzle-orm";

/**
 * One chunk of the prune: at most `chunk` finished rows created before `before`. The predicate
 * is what `notification_deliveries_finished_created_idx` (migration 0010) serves, so a chunk
 * reads the old rows only, never the whole table; the test holds the planner to it.
 */
export function pruneChunkStatement(before: Date, chunk: number): SQL {
  return sql`DELETE FROM notification_deliveries
      WHERE id IN (
        SELECT id FROM notification_deliveries
        WHERE status IN ('delivered', 'failed') AND created_at < ${before}
        LIMIT ${chunk})
      RETURNING id`;
}

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
    const rows = await queryRows<{ id: string }>(db, pruneChunkStatement(before, chunk));
    pruned += rows.length;
    if (rows.length < chunk) return pruned;
  }
}
