/** A per-minute count as ClickHouse answers it: the minute's start in Unix seconds. */
export interface MinuteRow {
  minute: string | number;
  messages: string | number;
}

/**
 * All 60 minutes of the hour before `now`, oldest first, each with its count from `rows` or zero,
 * so a quiet minute draws as zero rather than as a gap.
 */
export function lastHourByMinute(rows: MinuteRow[], now: Date): { t: Date; count: number }[] {
  const byMinute = new Map(rows.map((row) => [Number(row.minute) * 1000, Number(row.messages)]));
  const lastMinute = Math.floor(now.getTime() / 60_000) * 60_000;
  return Array.from({ length: 60 }, (_, i) => {
    const t = lastMinute - (59 - i) * 60_000;
    return { t: new Date(t), count: byMinute.get(t) ?? 0 };
  });
}
