import type { Database } from "@revolv/db/client";
import { devices } from "@revolv/db/schema";
import { gauge } from "@revolv/observability/metrics";
import { deviceStatuses } from "@revolv/validators";
import { count } from "drizzle-orm";

/**
 * Devices by status, counted in Postgres at scrape time (at most once per `minIntervalMs`, so
 * several scrapers cost one query): what the fleet dashboard and the offline-share alert read.
 * Every status is exported, zero included, so a ratio never divides by a missing series.
 */
export function registerFleetMetrics(db: Database, minIntervalMs = 10_000): void {
  let last: { at: number; counts: Map<string, number> } | undefined;
  gauge<"status">({
    name: "fleet_devices",
    help: "Registered devices by status (Postgres, sampled at scrape).",
    labelNames: ["status"],
    async collect() {
      if (!last || Date.now() - last.at >= minIntervalMs) {
        try {
          const rows = await db
            .select({ status: devices.status, n: count() })
            .from(devices)
            .groupBy(devices.status);
          last = { at: Date.now(), counts: new Map(rows.map((r) => [r.status, r.n])) };
        } catch {
          // Postgres down: the series go missing (alerts on absence see it) and the other metrics still answer.
          this.reset();
          return;
        }
      }
      for (const status of deviceStatuses) this.set({ status }, last.counts.get(status) ?? 0);
    },
  });
}
