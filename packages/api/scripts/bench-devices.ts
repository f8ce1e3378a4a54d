/**
 * `pnpm bench:web`: seeds 100,000 devices into a real Postgres server (Debian's, started and
 * stopped here) and into PGlite, then prints p50/p95 of `devices.list` (first page, 25 rows, as
 * the device table asks for it: through the procedure, its input and output validation included)
 * for search, each filter and each sort, and of the CSV export. Numbers, not assertions.
 * `BENCH_EXPLAIN=1` prints each scenario's plans (EXPLAIN ANALYZE); `BENCH_SKIP_PGLITE=1` stops
 * after the Postgres server.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createClient } from "@clickhouse/client";
import { createDatabase, type Database, type DatabaseHandle, openPglite, queryRows } from "@revolv/db";
import { devices, publicDeviceColumns } from "@revolv/db/schema";
import { findPostgresBinaries, startPostgresServer } from "@revolv/postgres-server";
import type { ListDevicesInput } from "@revolv/validators";
import { listDevicesSchema } from "@revolv/validators";
import { count, sql } from "drizzle-orm";
import { exportDevicesCsv } from "../src/devices/csv-export";
import { deviceFilterOrder, deviceFilterWhere } from "../src/devices/list-query";
import { createCaller } from "../src/root";
import { createTRPCContext } from "../src/trpc";

const deviceCount = Number(process.env.BENCH_DEVICES ?? 100_000);

/**
 * 100,000 devices in one statement: 200 sites, both types, every status, a few tags each,
 * last-seen times over a week (none for provisioned devices).
 */
async function seed(db: Database) {
  await db.execute(sql`
    INSERT INTO devices (type, serial_number, name, site, status, tags, credential_hash, last_seen_at, created_at, decommissioned_at)
    SELECT
      CASE WHEN n % 3 = 0 THEN 'soundbox' ELSE 'rvm' END,
      CASE WHEN n % 3 = 0 THEN 'SBX-' ELSE 'RVM-' END || lpad(n::text, 6, '0'),
      (ARRAY['Amsterdam','Berlin','Lisbon','Madrid','Oslo','Paris','Prague','Rome','Vienna','Warsaw'])[1 + n % 10]
        || ' ' || (ARRAY['Central','Harbour','Market','Station','Mall'])[1 + (n / 10) % 5] || ' ' || n,
      'Site ' || lpad((n % 200)::text, 3, '0'),
      s.status,
      string_to_array((ARRAY['', 'north', 'south,pilot', 'east', 'west,indoor', 'pilot'])[1 + n % 6], ','),
      md5(n::text),
      CASE WHEN s.status = 'provisioned' THEN NULL ELSE now() - (n % 10080) * interval '1 minute' END,
      now() - n * interval '30 seconds',
      CASE WHEN s.status = 'decommissioned' THEN now() ELSE NULL END
    FROM generate_series(1, ${deviceCount}) AS n,
      LATERAL (SELECT (ARRAY['online','online','online','offline','maintenance','provisioned','decommissioned'])[1 + n % 7] AS status) s`);
  // What autovacuum does to a table in steady state: statistics, the visibility map, and GIN's
  // pending list flushed into the trigram indexes (search after a bulk insert reads it otherwise).
  // The checkpoint first: the test server commits asynchronously, and VACUUM marks no page
  // all-visible while the inserting commit is not yet flushed (so every count read the heap).
  await db.execute(sql`CHECKPOINT`);
  await db.execute(sql`VACUUM ANALYZE devices`);
}

type Scenario = [name: string, input: Partial<ListDevicesInput>];

const scenarios: Scenario[] = [
  ["default (createdAt desc)", {}],
  ["search name 'lisbon market'", { search: "Lisbon Market" }],
  ["search name 'harbour 4242'", { search: "Harbour 4242" }],
  ["search serial 'RVM-0421'", { search: "RVM-0421" }],
  ["search, no match", { search: "zzzz-nothing" }],
  ["filter type=soundbox", { type: "soundbox" }],
  ["filter status=maintenance", { status: "maintenance" }],
  ["filter site='Site 042'", { site: "Site 042" }],
  ["filter tag=pilot", { tag: "pilot" }],
  ["filters combined + search", { type: "rvm", status: "online", tag: "north", search: "Berlin" }],
  ...(["name", "serialNumber", "site", "createdAt", "lastSeenAt"] as const).flatMap((sortBy): Scenario[] => [
    [`sort ${sortBy} asc`, { sortBy, sortDir: "asc" }],
    [`sort ${sortBy} desc`, { sortBy, sortDir: "desc" }],
  ]),
  ["page 200 of 25 (deep offset)", { page: 200 }],
];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

async function time(runs: number, work: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

const ms = (value: number) => value.toFixed(1).padStart(8);

async function bench(label: string, handle: DatabaseHandle, runs: number) {
  console.log(`\n== ${label}: seeding ${deviceCount.toLocaleString("en")} devices`);
  const seedStart = performance.now();
  await seed(handle.db);
  console.log(`   seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  // devices.list never reads ClickHouse; the client exists only to complete the context and never connects.
  const clickhouse = createClient({ url: "http://127.0.0.1:9" });
  const ctx = createTRPCContext({
    services: { db: handle.db, clickhouse },
    headers: new Headers(),
    principal: { userId: crypto.randomUUID(), sessionId: crypto.randomUUID(), role: "viewer" },
  });
  const caller = createCaller(ctx);

  console.log(
    `   ${"devices.list, first page of 25".padEnd(40)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}  rows matched`,
  );
  for (const [name, input] of scenarios) {
    const { total } = await caller.devices.list(input);
    const { p50, p95 } = await time(runs, () => caller.devices.list(input));
    console.log(`   ${name.padEnd(40)} ${ms(p50)} ${ms(p95)}  ${total.toLocaleString("en")}`);
    if (process.env.BENCH_EXPLAIN) await explain(handle.db, clickhouse, input);
  }

  for (const [name, filter] of [
    ["CSV export, all devices", {}],
    ["CSV export, status=maintenance", { status: "maintenance" }],
  ] as const) {
    let bytes = 0;
    const exportAll = async () => {
      bytes = 0;
      for await (const chunk of exportDevicesCsv(
        { db: handle.db, clickhouse },
        {
          sortBy: "createdAt",
          sortDir: "desc",
          ...filter,
        },
      )) {
        bytes += chunk.length;
      }
    };
    const { p50, p95 } = await time(Math.max(3, Math.round(runs / 10)), exportAll);
    console.log(`   ${name.padEnd(40)} ${ms(p50)} ${ms(p95)}  ${(bytes / 1e6).toFixed(1)} MB`);
  }
  await clickhouse.close();

  const plan = await queryRows<{ "QUERY PLAN": string }>(
    handle.db,
    sql`EXPLAIN SELECT id FROM devices WHERE name ILIKE '%lisbon market%' OR serial_number ILIKE '%lisbon market%'`,
  );
  console.log(
    `   search plan: ${plan
      .map((row) => row["QUERY PLAN"].trim())
      .slice(0, 3)
      .join(" / ")}`,
  );
}

/** `BENCH_EXPLAIN=1`: the plans of the two statements `devices.list` runs (page and total). */
async function explain(
  db: Database,
  clickhouse: ReturnType<typeof createClient>,
  input: Partial<ListDevicesInput>,
) {
  const parsed = listDevicesSchema.parse(input);
  const where = await deviceFilterWhere(clickhouse, parsed);
  const page = db
    .select(publicDeviceColumns)
    .from(devices)
    .where(where)
    .orderBy(...deviceFilterOrder(parsed))
    .limit(parsed.pageSize)
    .offset((parsed.page - 1) * parsed.pageSize);
  const total = db.select({ total: count() }).from(devices).where(where);
  for (const query of [page, total]) {
    const { sql: text, params } = query.toSQL();
    const inlined = text.replace(/\$(\d+)/g, (_, n) => {
      const value = params[Number(n) - 1];
      return Array.isArray(value)
        ? `'{${value.join(",")}}'`
        : typeof value === "number"
          ? String(value)
          : `'${String(value).replaceAll("'", "''")}'`;
    });
    const plan = await queryRows<{ "QUERY PLAN": string }>(
      db,
      sql.raw(`EXPLAIN (ANALYZE, BUFFERS) ${inlined}`),
    );
    console.log(plan.map((row) => `      ${row["QUERY PLAN"]}`).join("\n"));
  }
}

async function main() {
  const binaries = findPostgresBinaries();
  if ("missing" in binaries) {
    console.log(`Skipping real Postgres: ${binaries.missing}`);
  } else {
    const server = await startPostgresServer();
    const handle = createDatabase({ kind: "pg", url: server.url });
    try {
      await handle.migrate();
      await bench("PostgreSQL server (Debian, pg driver)", handle, 50);
    } finally {
      await handle.close();
      await server.stop();
    }
  }

  if (process.env.BENCH_SKIP_PGLITE) return;
  const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-bench-pglite-"));
  const pglite = openPglite(dataDir);
  try {
    await pglite.migrate();
    await bench("PGlite (embedded)", pglite, 10);
  } finally {
    await pglite.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
