import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { tables } from "./tables";

const days = z.coerce.number().int().min(1).max(36_500).optional();

/** Retention per table, in days; unset keeps what the migrations chose (raw 400, hour archive 1825). */
export const retentionEnvSchema = z.object({
  TELEMETRY_RAW_TTL_DAYS: days,
  /**
   * Read only to say it no longer applies: the minute rollup is a projection inside the raw
   * parts since migration 0002 and expires with them (TELEMETRY_RAW_TTL_DAYS).
   */
  TELEMETRY_MINUTE_TTL_DAYS: days,
  TELEMETRY_HOUR_TTL_DAYS: days,
});
export type RetentionEnv = z.infer<typeof retentionEnvSchema>;

/**
 * Applies configured retention with `MODIFY TTL`. TTL lives in the table definition, so a
 * migration file cannot make it configurable; this runs after migrations instead. Existing
 * parts are not rewritten on the spot (materialize_ttl_after_modify = 0): old rows go at the
 * next merge, which keeps a start-up from turning into a full-table rewrite.
 */
export async function applyRetention(client: ClickHouseClient, env: RetentionEnv): Promise<string[]> {
  const changes: [string, string, number | undefined][] = [
    [tables.readings, "toDateTime(at)", env.TELEMETRY_RAW_TTL_DAYS],
    [tables.hourArchive, "bucket", env.TELEMETRY_HOUR_TTL_DAYS],
  ];
  const applied: string[] = [];
  if (env.TELEMETRY_MINUTE_TTL_DAYS !== undefined) {
    applied.push(
      "TELEMETRY_MINUTE_TTL_DAYS ignored: minute rollups live in the raw parts and follow TELEMETRY_RAW_TTL_DAYS",
    );
  }
  for (const [table, column, ttlDays] of changes) {
    if (ttlDays === undefined) continue;
    await client.command({
      query: `ALTER TABLE ${table} MODIFY TTL ${column} + INTERVAL ${ttlDays} DAY`,
      clickhouse_settings: { materialize_ttl_after_modify: 0 },
    });
    applied.push(`${table}: ${ttlDays} days`);
  }
  return applied;
}
