import { gauge } from "@revolv/observability/metrics";

interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

const pools = new Set<PoolCounts>();

/**
 * OpenTelemetry's `db.client.connection.count` (by state) and `…pending_requests` for the pg and
 * Neon pools. Exported as `db_client_connections`: Prometheus reserves `_count` for histograms and
 * summaries (`promtool check metrics` refuses the literal translation).
 *
 * Neon pools, read at scrape time. PGlite has no pool. `observePool` returns the function that
 * forgets the pool.
 */
export function observePool(pool: PoolCounts): () => void {
  pools.add(pool);
  registerPoolMetrics();
  return () => pools.delete(pool);
}

/** Registers the pool gauges (once; idempotent), reading whichever pools are observed. */
export function registerPoolMetrics(): void {
  gauge<"db_client_connection_state">({
    name: "db_client_connections",
    help: "Postgres pool connections by state (used, idle).",
    labelNames: ["db_client_connection_state"],
    collect() {
      let used = 0;
      let idle = 0;
      for (const p of pools) {
        used += p.totalCount - p.idleCount;
        idle += p.idleCount;
      }
      this.set({ db_client_connection_state: "used" }, used);
      this.set({ db_client_connection_state: "idle" }, idle);
    },
  });
  gauge({
    name: "db_client_connection_pending_requests",
    help: "Queries waiting for a Postgres pool connection.",
    collect() {
      let waiting = 0;
      for (const p of pools) waiting += p.waitingCount;
      this.set(waiting);
    },
  });
}
