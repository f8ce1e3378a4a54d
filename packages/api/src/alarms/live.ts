import { setTimeout as sleep } from "node:timers/promises";
import type { Database } from "@revolv/db/client";
import { alarms, alarmTransitions } from "@revolv/db/schema";
import type { AlarmLiveEvent } from "@revolv/validators";
import { asc, count, gt, inArray, max } from "drizzle-orm";

export const openAlarmCount = async (db: Database) =>
  (
    await db
      .select({ n: count() })
      .from(alarms)
      .where(inArray(alarms.status, ["active", "acknowledged"]))
  )[0]?.n ?? 0;

/**
 * Alarm transitions after `cursor` (the transition's `seq`), polled from Postgres: every web
 * instance sees every worker's transitions without a broker between them. Without a cursor the
 * stream starts at the newest transition. Ends when `signal` aborts.
 */
export async function* watchAlarmTransitions(
  db: Database,
  cursor: number | undefined,
  signal: AbortSignal | undefined,
  pollMs = 1_000,
): AsyncGenerator<{ seq: number; event: AlarmLiveEvent }> {
  let after =
    cursor ??
    Number((await db.select({ last: max(alarmTransitions.seq) }).from(alarmTransitions))[0]?.last ?? 0);
  while (!signal?.aborted) {
    const rows = await db
      .select()
      .from(alarmTransitions)
      .where(gt(alarmTransitions.seq, after))
      .orderBy(asc(alarmTransitions.seq))
      .limit(100);
    if (rows.length > 0) {
      const openCount = await openAlarmCount(db);
      for (const { seq, createdAt: _created, ...transition } of rows) {
        after = seq ?? after;
        yield { seq: after, event: { transition, openCount } };
      }
      continue;
    }
    await sleep(pollMs, undefined, { signal }).catch(() => {});
  }
}
