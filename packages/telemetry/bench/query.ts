/**
 * `pnpm bench:query`: the dashboard's queries over N readings, on chDB and on a real
 * PostgreSQL server side by side, the same rows in both. ClickHouse answers through the very
 * functions the API calls (`querySeries`, `queryLatest`, `queryFleetSummary`); PostgreSQL gets
 * the queries a careful engineer would write over one readings table with B-tree indexes.
 * The last line printed is one JSON object.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startPostgresServer } from "@revolv/postgres-server";
import pg from "pg";
import { z } from "zod";
import { createClickHouse } from "../src/client";
import { migrateClickHouse } from "../src/migrations";
import { queryFleetSummary, queryLatest, querySeries, stepSecondsFor } from "../src/queries";

const { values } = parseArgs({
  options: {
    rows: { type: "string" },
    devices: { type: "string" },
    days: { type: "string" },
    runs: { type: "string" },
  },
});
const args = z
  .object({
    rows: z.coerce.number().int().min(10_000).default(50_000_000),
    devices: z.coerce.number().int().min(1).max(100_000).default(500),
    days: z.coerce.number().int().min(2).max(400).default(40),
    /** Timed runs per query (after two warm-ups), each for a random device. */
    runs: z.coerce.number().int().min(5).max(1_000).default(40),
  })
  .parse(values);

const started = Date.now();
const log = (line: string) =>
  console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${line}`);

// Every reading is a pure function of its row number n, written once in each dialect so both
// engines hold identical rows: device d = n mod D, metric m = (n div D) mod 6, step k = n div 6D.
const metrics = [
  "bin_fill_pet_pct",
  "bin_fill_aluminium_pct",
  "bin_fill_glass_pct",
  "items_accepted",
  "items_rejected",
  "temperature_c",
];
const end = Math.floor(Date.now() / 3_600_000) * 3_600; // epoch seconds, on the hour
const stepSeconds = Math.max(1, Math.floor((args.days * 86_400 * metrics.length * args.devices) / args.rows));
const start = end - Math.ceil(args.rows / (metrics.length * args.devices)) * stepSeconds;
const deviceUuid = (d: number) => `00000000-0000-4000-8000-${d.toString(16).padStart(12, "0")}`;

log(
  `${args.rows.toLocaleString("en")} readings: ${args.devices} RVMs × ${metrics.length} metrics, one every ${stepSeconds} s over ${((end - start) / 86_400).toFixed(1)} days`,
);

const workDir = mkdtempSync(path.join(tmpdir(), "revolv-bench-query-"));
const clickhouse = createClickHouse({ kind: "chdb", dataDir: path.join(workDir, "chdb") });
const postgres = await startPostgresServer({
  settings: { shared_buffers: "1GB", maintenance_work_mem: "1GB", work_mem: "64MB", max_wal_size: "8GB" },
});
const pool = new pg.Pool({ connectionString: postgres.url, max: 2 });

async function loadClickHouse() {
  await migrateClickHouse(clickhouse.client);
  const loadStarted = Date.now();
  await clickhouse.client.command({
    query: `INSERT INTO telemetry_readings (device_id, device_type, metric, at, value, value_text, message_id, received_at)
            SELECT toUUID(concat('00000000-0000-4000-8000-', leftPad(lower(hex(number % {devices:UInt64})), 12, '0'))),
                   'rvm',
                   {metrics:Array(String)}[1 + intDiv(number, {devices:UInt64}) % 6],
                   toDateTime64({start:Int64} + intDiv(number, 6 * {devices:UInt64}) * {step:Int64}, 3, 'UTC') AS t,
                   ((number * 7919) % 10000) / 100,
                   '',
                   concat('m', toString(number)),
                   t
            FROM numbers_mt({rows:UInt64})`,
    query_params: { devices: args.devices, metrics, start, step: stepSeconds, rows: args.rows },
    // Two insert pipelines, each building the projections and the latest-state view for its own blocks.
    clickhouse_settings: { max_insert_block_size: "1000000", max_insert_threads: "2" },
  });
  log(
    `clickhouse: loaded in ${((Date.now() - loadStarted) / 1000).toFixed(0)} s (raw table with its rollup projections, latest state by its view)`,
  );
  // Timed queries should meet tables at rest, as a dashboard does, not mid-merge after a bulk load.
  const settleBy = Date.now() + 300_000;
  for (let quiet = 0; quiet < 3 && Date.now() < settleBy; ) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const [[merges] = [0]] = await clickhouse.client
      .query({ query: "SELECT count() FROM system.merges", format: "JSONCompactEachRow" })
      .then((r) => r.json<[number]>());
    quiet = Number(merges) === 0 ? quiet + 1 : 0;
  }
  log(`clickhouse: background merges settled after ${((Date.now() - loadStarted) / 1000).toFixed(0)} s`);
}

async function loadPostgres() {
  const loadStarted = Date.now();
  await pool.query(`CREATE TABLE readings (
      device_id uuid NOT NULL, metric text NOT NULL, at timestamptz NOT NULL, value double precision NOT NULL,
      message_id text NOT NULL)`);
  // Loaded in slices so progress shows and no single statement holds gigabytes of WAL.
  const slice = 5_000_000;
  for (let from = 0; from < args.rows; from += slice) {
    await pool.query(
      `INSERT INTO readings
       SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(n % $1), 12, '0'))::uuid,
              ($2::text[])[1 + (n / $1) % 6],
              to_timestamp($3 + (n / (6 * $1)) * $4),
              ((n * 7919) % 10000) / 100.0,
              'm' || n
       FROM generate_series($5::bigint, $6::bigint) AS n`,
      [args.devices, metrics, start, stepSeconds, from, Math.min(args.rows, from + slice) - 1],
    );
    log(`postgres: ${Math.min(args.rows, from + slice).toLocaleString("en")} rows inserted`);
  }
  await pool.query("CREATE INDEX readings_series_idx ON readings (device_id, metric, at)");
  await pool.query("CREATE INDEX readings_at_idx ON readings (at)");
  await pool.query("VACUUM ANALYZE readings");
  log(`postgres: loaded and indexed in ${((Date.now() - loadStarted) / 1000).toFixed(0)} s`);
}

// The PostgreSQL twins of the API's queries.
const postgresQueries = {
  async series(deviceId: string, metric: string, from: Date, to: Date) {
    const step = stepSecondsFor(to.getTime() - from.getTime(), 500, "raw");
    const { rows } = await pool.query(
      `SELECT floor(extract(epoch FROM at) / $4) * $4 AS t, count(*), min(value), max(value), avg(value),
              (array_agg(value ORDER BY at DESC))[1] AS last
       FROM readings WHERE device_id = $1 AND metric = $2 AND at >= $3 AND at < $5
       GROUP BY 1 ORDER BY 1`,
      [deviceId, metric, from, step, to],
    );
    return rows.length;
  },
  async latest(deviceId: string) {
    const { rows } = await pool.query(
      `SELECT m.metric, r.value, r.at FROM unnest($2::text[]) AS m(metric)
       CROSS JOIN LATERAL (SELECT value, at FROM readings WHERE device_id = $1 AND metric = m.metric
                           ORDER BY at DESC LIMIT 1) r`,
      [deviceId, metrics],
    );
    return rows.length;
  },
  async fleetSummary(now: Date) {
    const [byDevice, perHour] = await Promise.all([
      pool.query(
        `WITH latest AS (
           SELECT d.device_id, m.metric, r.value, r.at
           FROM (SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid AS device_id
                 FROM generate_series(0, $1 - 1) AS i) d
           CROSS JOIN unnest($2::text[]) AS m(metric)
           CROSS JOIN LATERAL (SELECT value, at FROM readings
                               WHERE device_id = d.device_id AND metric = m.metric
                               ORDER BY at DESC LIMIT 1) r)
         SELECT count(DISTINCT device_id), count(DISTINCT device_id) FILTER (WHERE at >= $3::timestamptz - interval '5 minutes'),
                avg(value) FILTER (WHERE metric LIKE 'bin_fill_%'),
                count(*) FILTER (WHERE metric LIKE 'bin_fill_%' AND value >= 90)
         FROM latest`,
        [args.devices, metrics, now],
      ),
      pool.query(
        `SELECT date_trunc('hour', at) AS t, count(*) FROM readings
         WHERE at > date_trunc('hour', $1::timestamptz) - interval '24 hours' AND at <= $1
         GROUP BY 1 ORDER BY 1`,
        [now],
      ),
    ]);
    return byDevice.rows.length + perHour.rows.length;
  },
};

/** p50 and p95 over `runs` timed calls, each for a random device (two warm-up calls first). */
async function time(run: (deviceId: string) => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = -2; i < args.runs; i++) {
    const deviceId = deviceUuid(Math.floor(Math.random() * args.devices));
    const t0 = performance.now();
    await run(deviceId);
    if (i >= 0) samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) =>
    samples[Math.min(samples.length - 1, Math.ceil((p / 100) * samples.length) - 1)] ?? 0;
  return { p50: Math.round(at(50) * 10) / 10, p95: Math.round(at(95) * 10) / 10 };
}

try {
  await Promise.all([loadClickHouse(), loadPostgres()]);
  const now = new Date(end * 1000);
  const metric = () => metrics[Math.floor(Math.random() * metrics.length)] as string;
  const ranges = { "1h": 3_600_000, "24h": 86_400_000, "30d": 30 * 86_400_000 };
  const results: Record<
    string,
    { clickhouse: { p50: number; p95: number }; postgres: { p50: number; p95: number } }
  > = {};
  for (const [label, spanMs] of Object.entries(ranges)) {
    const from = new Date(now.getTime() - spanMs);
    results[`telemetry.series ${label}`] = {
      clickhouse: await time((deviceId) =>
        querySeries(clickhouse.client, {
          deviceId,
          metric: metric() as never,
          from,
          to: now,
          maxPoints: 500,
        }),
      ),
      postgres: await time((deviceId) => postgresQueries.series(deviceId, metric(), from, now)),
    };
  }
  results["telemetry.latest"] = {
    clickhouse: await time((deviceId) => queryLatest(clickhouse.client, deviceId)),
    postgres: await time((deviceId) => postgresQueries.latest(deviceId)),
  };
  results["fleet.summary"] = {
    clickhouse: await time(() => queryFleetSummary(clickhouse.client, {}, now)),
    postgres: await time(() => postgresQueries.fleetSummary(now)),
  };

  console.log("\nquery                      clickhouse p50 / p95 ms     postgres p50 / p95 ms");
  for (const [name, r] of Object.entries(results)) {
    console.log(
      `${name.padEnd(26)} ${`${r.clickhouse.p50} / ${r.clickhouse.p95}`.padStart(20)}     ${`${r.postgres.p50} / ${r.postgres.p95}`.padStart(20)}`,
    );
  }
  const slowest = Math.max(...Object.values(results).map((r) => r.clickhouse.p95));
  console.log(
    JSON.stringify({
      rows: args.rows,
      devices: args.devices,
      days: Math.round((end - start) / 864) / 100,
      runsPerQuery: args.runs,
      queries: results,
      clickhouseSlowestP95Ms: slowest,
      clickhouseAllUnder100msP95: slowest < 100,
    }),
  );
} finally {
  await pool.end();
  await clickhouse.close();
  await postgres.stop();
  rmSync(workDir, { recursive: true, force: true });
}
