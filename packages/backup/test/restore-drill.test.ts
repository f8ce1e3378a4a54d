import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type PostgresServer, postgresMissing, startPostgresServer } from "@revolv/postgres-server";
import { type FauxqsServer, startFauxqs } from "fauxqs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Manifest, manifestSchema } from "../src/manifest";
import { backupCli, type CliResult, fillScript, restoreCli, runTs } from "./support/run-cli";

// Each step is its own process (chDB binds one data directory per process), as an operator
// runs them; on two busy cores one drill takes a minute or two.
const drillTimeoutMs = 300_000;
const stepTimeoutMs = 120_000;

const missing = postgresMissing("the restore drill against a Postgres server");

const scratch = mkdtempSync(path.join(tmpdir(), "revolv-restore-drill-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function expectSuccess(result: CliResult, what: string): string {
  expect(result.code, `${what} failed:\n${result.stdout}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

function readManifest(backupDir: string): Manifest {
  return manifestSchema.parse(JSON.parse(readFileSync(path.join(backupDir, "manifest.json"), "utf8")));
}

/** Every table the app writes has rows in the backup (an empty backup would restore "fine"). */
function expectFilledTables(manifest: Manifest) {
  const rows = (tables: { table: string; rows: number }[], name: string) =>
    tables.find((table) => table.table === name)?.rows ?? 0;
  expect(rows(manifest.postgres.tables, "public.devices")).toBe(12);
  expect(rows(manifest.postgres.tables, "public.roles")).toBeGreaterThan(0);
  expect(rows(manifest.postgres.tables, "drizzle.__drizzle_migrations")).toBeGreaterThan(0);
  expect(rows(manifest.clickhouse.tables, "telemetry_readings")).toBe(12 * 40 * 2);
  expect(rows(manifest.clickhouse.tables, "telemetry_latest")).toBe(12 * 2);
  expect(rows(manifest.clickhouse.tables, "revolv_schema_migrations")).toBeGreaterThan(0);
}

/** Every table of the manifest is listed as restored and equal; nothing is left unchecked. */
function expectEveryTableRestored(output: string, manifest: Manifest) {
  for (const table of manifest.postgres.tables)
    expect(output).toContain(`ok   postgres ${table.table}: ${table.rows} rows`);
  for (const table of manifest.clickhouse.tables)
    expect(output).toContain(`ok   clickhouse ${table.table}: ${table.rows} rows`);
  expect(output).not.toContain("DIFF");
  expect(output).toMatch(/restore complete/);
}

describe.skipIf(missing)("restore drill: Postgres server (pg_dump -Fc) and chDB", () => {
  let server: PostgresServer;
  const backups = path.join(scratch, "server-backups");
  const url = (database: string) => {
    const parsed = new URL(server.url);
    parsed.pathname = `/${database}`;
    return parsed.toString();
  };
  const restoreInto = (database: string, backup: string, what: string) =>
    runTs(
      restoreCli,
      [backup],
      {
        DATABASE_URL: url(database),
        DATA_DIR: path.join(scratch, `server-${database}`),
        BACKUP_TARGET: backups,
      },
      what,
    );

  beforeAll(async () => {
    server = await startPostgresServer();
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    for (const name of ["source", "restored", "tampered", "damaged"])
      await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  });
  afterAll(async () => {
    await server?.stop();
  });

  let manifest: Manifest;
  let backupId: string;

  it(
    "fills both engines, backs up, restores into fresh engines, and every table matches",
    async () => {
      const source = { DATABASE_URL: url("source"), DATA_DIR: path.join(scratch, "server-source") };
      expectSuccess(await runTs(fillScript, [], source, "filling the source engines"), "fill");

      const started = performance.now();
      const backupOutput = expectSuccess(
        await runTs(backupCli, [], { ...source, BACKUP_TARGET: backups }, "pnpm db:backup"),
        "backup",
      );
      const backedUp = performance.now();
      backupId = /backup complete: (\S+)/.exec(backupOutput)?.[1] ?? "";
      manifest = readManifest(path.join(backups, backupId));
      expect(manifest.postgres).toMatchObject({ engine: "pg", format: "custom" });
      expect(manifest.clickhouse.engine).toBe("chdb");
      expect(manifest.clickhouse.files.length).toBeGreaterThan(0);
      expect(manifest.clickhouse.tables.every((table) => table.exact)).toBe(true);
      expectFilledTables(manifest);

      const restoreOutput = expectSuccess(
        await restoreInto("restored", backupId, "pnpm db:restore"),
        "restore",
      );
      const restored = performance.now();
      expectEveryTableRestored(restoreOutput, manifest);
      console.log(
        `restore drill (Postgres server + chDB): backup ${((backedUp - started) / 1000).toFixed(1)} s, ` +
          `restore and verification ${((restored - backedUp) / 1000).toFixed(1)} s, ` +
          `${manifest.postgres.tables.length + manifest.clickhouse.tables.length} tables compared`,
      );
    },
    drillTimeoutMs,
  );

  it(
    "refuses to restore into engines that already hold data",
    async () => {
      const result = await restoreInto("source", backupId, "pnpm db:restore into the filled source");
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("the target database is not empty");
    },
    stepTimeoutMs,
  );

  it(
    "fails verification when a restored table differs from the manifest",
    async () => {
      // The manifest claims one more device than the dump holds: the comparison must notice.
      const file = path.join(backups, backupId, "manifest.json");
      const original = readFileSync(file, "utf8");
      const tampered = structuredClone(manifest);
      const devicesStats = tampered.postgres.tables.find((table) => table.table === "public.devices");
      if (!devicesStats) throw new Error("the manifest has no public.devices");
      devicesStats.rows += 1;
      writeFileSync(file, JSON.stringify(tampered));
      try {
        const result = await restoreInto("tampered", backupId, "pnpm db:restore against a tampered manifest");
        expect(result.code).toBe(1);
        expect(result.stdout).toContain("DIFF postgres public.devices: 12 rows");
        expect(result.stdout).toContain("restore FAILED verification");
      } finally {
        writeFileSync(file, original);
      }
    },
    stepTimeoutMs,
  );

  it(
    "refuses a backup whose dump does not match its manifest checksum",
    async () => {
      const dump = path.join(backups, backupId, "postgres.dump");
      const bytes = readFileSync(dump);
      bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff;
      writeFileSync(dump, bytes);
      const result = await restoreInto(
        "damaged",
        path.join(backups, backupId),
        "pnpm db:restore of a damaged backup",
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("postgres.dump does not match its checksum in the manifest");
    },
    stepTimeoutMs,
  );
});

// The embedded drill keeps its backup in S3, as production does: fauxqs's S3 in this process,
// written by the AWS SDK (the dump, the manifest) and by chDB itself (BACKUP … TO S3).
describe("restore drill: embedded PGlite (pglite-tools pg_dump) and chDB, backup in S3", () => {
  let s3: FauxqsServer;
  let s3Env: Record<string, string>;

  beforeAll(async () => {
    s3 = await startFauxqs({ port: 0, host: "127.0.0.1", logger: false });
    s3.createBucket("revolv-backups");
    s3Env = {
      BACKUP_TARGET: "s3://revolv-backups/embedded",
      BACKUP_S3_ENDPOINT: `http://127.0.0.1:${s3.port}`,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      CLICKHOUSE_BACKUP_S3_ACCESS_KEY_ID: "test",
      CLICKHOUSE_BACKUP_S3_SECRET_ACCESS_KEY: "test",
    };
  });
  afterAll(async () => {
    await s3?.stop();
  });

  it(
    "fills both engines, backs up, restores into fresh engines, and every table matches",
    async () => {
      const source = { DATA_DIR: path.join(scratch, "embedded-source") };
      expectSuccess(await runTs(fillScript, [], source, "filling the embedded engines"), "fill");
      const started = performance.now();
      const backupOutput = expectSuccess(
        await runTs(backupCli, [], { ...source, ...s3Env }, "pnpm db:backup to S3"),
        "backup",
      );
      const backedUp = performance.now();
      const backupId = /backup complete: (\S+)/.exec(backupOutput)?.[1] ?? "";
      expect(backupOutput).toContain(`at s3://revolv-backups/embedded/${backupId} `);
      const manifest = manifestSchema.parse(
        JSON.parse(
          await runTs(
            path.join(import.meta.dirname, "fixtures/read-s3-object.ts"),
            [`embedded/${backupId}/manifest.json`],
            s3Env,
            "reading the manifest from S3",
          ).then((result) => expectSuccess(result, "read manifest")),
        ),
      );
      expect(manifest.postgres).toMatchObject({ engine: "pglite", format: "sql" });
      expect(manifest.clickhouse.location).toMatch(
        /^S3\('http:\/\/127\.0\.0\.1:\d+\/revolv-backups\/embedded\//,
      );
      expectFilledTables(manifest);

      const fresh = { DATA_DIR: path.join(scratch, "embedded-restored"), ...s3Env };
      const restoreOutput = expectSuccess(
        await runTs(
          restoreCli,
          [`s3://revolv-backups/embedded/${backupId}`],
          fresh,
          "pnpm db:restore from S3",
        ),
        "restore",
      );
      expectEveryTableRestored(restoreOutput, manifest);
      console.log(
        `restore drill (PGlite + chDB, S3): backup ${((backedUp - started) / 1000).toFixed(1)} s, ` +
          `restore and verification ${((performance.now() - backedUp) / 1000).toFixed(1)} s`,
      );
    },
    drillTimeoutMs,
  );
});
