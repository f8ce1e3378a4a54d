import type { ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawnOwned } from "@revolv/owned-process";
import { findPostgresBinaries, type PostgresServer, startPostgresServer } from "@revolv/postgres-server";
import { type SqsEmulator, startSqsEmulator } from "@revolv/queue/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyBuildContext, type LaidOutImage, layOutImage } from "../src/images/lay-out";
import { environments } from "../src/terraform/checks";
import { loadTerraformTree } from "../src/terraform/load";
import { repoRoot, terraformRoot } from "./support/terraform-copy";

/**
 * The images without a Docker engine: each Dockerfile's build steps run into a folder laid out
 * as the image's file system (src/images/lay-out.ts reads them from the Dockerfile), and the
 * apps start from there with production configuration against a real PostgreSQL. A Dockerfile
 * that copies the wrong paths, or an image that needs a package it does not carry, fails here.
 * `next build` takes minutes on two cores: it runs once, in beforeAll.
 */
const postgresBinaries = findPostgresBinaries();
const skipReason = "missing" in postgresBinaries ? postgresBinaries.missing : undefined;
if (skipReason) console.warn(`[images] skipped: ${skipReason}`);

/** The embedded engines and dev-only services that production images must not carry. */
const embeddedOnly = [
  "chdb",
  "@chdb",
  "@electric-sql/pglite",
  "@electric-sql/pglite-tools",
  "fauxqs",
  "aedes",
];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** The packages installed under `dir`: `node_modules/<name>` and pnpm's `node_modules/.pnpm/<name>@<version>`. */
function installedPackages(dir: string): Set<string> {
  const found = new Set<string>();
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const full = path.join(current, entry.name);
      const store = full.match(/\/node_modules\/\.pnpm\/(@?[^@/]+)@[^/]+$/);
      const plain = full.match(/\/node_modules\/((?:@[^/]+\/)?[^@./][^/]*)$/);
      if (store?.[1]) found.add(store[1].replace("+", "/"));
      else if (plain?.[1]) found.add(plain[1]);
      walk(full);
    }
  };
  walk(dir);
  return found;
}

/** Symbolic links whose target is outside `dir`: in the image they would point at nothing. */
function linksLeaving(dir: string): string[] {
  const leaving: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isSymbolicLink()) {
        const target = path.resolve(current, readlinkSync(full));
        if (!target.startsWith(`${dir}/`))
          leaving.push(`${path.relative(dir, full)} -> ${readlinkSync(full)}`);
      } else if (entry.isDirectory()) walk(full);
    }
  };
  walk(dir);
  return leaving;
}

const sizeMb = (dir: string) => Number(execFileSync("du", ["-sm", dir], { encoding: "utf8" }).split("\t")[0]);

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts the image's CMD in its WORKDIR with its ENV plus `env`, as the container would. */
function startImage(image: LaidOutImage, env: Record<string, string>, command = image.runtime.cmd): Started {
  if (!command) throw new Error("the image has no CMD");
  const [file, ...args] = command;
  let output = "";
  const child = spawnOwned(file === "node" ? process.execPath : (file as string), args, {
    cwd: image.workdir,
    // Only what the task definition would set: nothing of the test runner's environment leaks in.
    env: { PATH: process.env.PATH ?? "", HOME: image.workdir, ...image.runtime.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForOutput(started: Started, pattern: RegExp, what: string, deadlineMs = 120_000) {
  const deadline = Date.now() + deadlineMs;
  while (!pattern.test(started.output())) {
    if (started.child.exitCode !== null) throw new Error(`exited before ${what}:\n${started.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stop(started: Started | undefined) {
  if (!started || started.child.exitCode !== null) return;
  started.child.kill("SIGTERM");
  const timer = setTimeout(() => started.child.kill("SIGKILL"), 15_000);
  await started.exited;
  clearTimeout(timer);
}

describe.skipIf(skipReason !== undefined)("the container images, laid out from their Dockerfiles", () => {
  const work = mkdtempSync(path.join(tmpdir(), "revolv-images-"));
  const contextDir = path.join(work, "context");
  let web: LaidOutImage;
  let ingest: LaidOutImage;
  let postgres: PostgresServer;
  let sqs: SqsEmulator;
  const started: Started[] = [];
  /** A port nothing listens on: ClickHouse is configured but unreachable (no server runs here). */
  let closedPort: number;

  beforeAll(async () => {
    // One context per image, as two `docker build`s have: the ingest build installs a filtered,
    // production-only node_modules that must not meet the web build's full one.
    for (const image of ["web", "ingest"]) copyBuildContext(repoRoot, path.join(contextDir, image));
    web = await layOutImage(
      path.join(contextDir, "web/apps/web/Dockerfile"),
      path.join(contextDir, "web"),
      path.join(work, "web"),
    );
    ingest = await layOutImage(
      path.join(contextDir, "ingest/apps/ingest/Dockerfile"),
      path.join(contextDir, "ingest"),
      path.join(work, "ingest"),
    );
    postgres = await startPostgresServer();
    sqs = await startSqsEmulator({ port: 0, host: "127.0.0.1" });
    closedPort = await freePort();
    console.log(
      `[images] expected sizes (the laid-out folders): web ${sizeMb(path.join(work, "web"))} MB, ingest ${sizeMb(path.join(work, "ingest"))} MB, plus the node:*-bookworm-slim base`,
    );
  }, 1_500_000);

  afterAll(async () => {
    await Promise.allSettled(started.map(stop));
    await sqs?.stop();
    await postgres?.stop();
    // The context copy holds a whole install: removing it takes a while on a loaded machine.
    rmSync(work, { recursive: true, force: true });
  }, 300_000);

  it("carry no embedded engine or dev-only service, and no link pointing outside the image", () => {
    for (const image of [path.join(work, "web"), path.join(work, "ingest")]) {
      const packages = installedPackages(image);
      expect(
        embeddedOnly.filter((name) => [...packages].some((p) => p === name || p.startsWith(`${name}/`))),
      ).toEqual([]);
      expect(linksLeaving(image)).toEqual([]);
    }
    // The walk does see what the images need.
    expect(installedPackages(path.join(work, "web"))).toContain("next");
    expect(installedPackages(path.join(work, "ingest"))).toContain("@clickhouse/client");
  });

  it("migrate Postgres with every environment's migrate_command, from the ingest image", async () => {
    const tree = await loadTerraformTree(terraformRoot);
    const commands = environments(tree).map(
      (env) =>
        (env.config.module as Record<string, { migrate_command: string[] }[]>).platform?.[0]?.migrate_command,
    );
    expect(commands.length).toBeGreaterThan(0);
    expect(new Set(commands.map((command) => JSON.stringify(command))).size).toBe(1);
    const migrate = startImage(
      ingest,
      { DATABASE_URL: postgres.url, CLICKHOUSE_URL: `http://127.0.0.1:${closedPort}` },
      commands[0],
    );
    started.push(migrate);
    const code = await migrate.exited;
    // Postgres is migrated; ClickHouse has no server here, so that half fails, saying why.
    expect(migrate.output()).toContain("[migrate] postgres (pg): migrations applied");
    expect(migrate.output()).toMatch(/\[migrate\] failed: .*ECONNREFUSED/);
    expect(code).toBe(1);
  }, 120_000);

  it("run the scheduled backup task from the ingest image: pg_dump of the server, ClickHouse's reason when it is unreachable", async () => {
    if (!("binDir" in postgresBinaries))
      throw new Error("unreachable: the suite is skipped without PostgreSQL");
    const tree = await loadTerraformTree(terraformRoot);
    const commands = environments(tree).map(
      (env) =>
        (env.config.module as Record<string, { backup_command: string[] }[]>).platform?.[0]?.backup_command,
    );
    expect(new Set(commands.map((command) => JSON.stringify(command))).size).toBe(1);
    const target = path.join(work, "backups");
    const backup = startImage(
      ingest,
      {
        DATABASE_URL: postgres.url,
        CLICKHOUSE_URL: `http://127.0.0.1:${closedPort}`,
        BACKUP_TARGET: target,
        // The image's client is PostgreSQL 17's (its ENV); this machine's server and client match.
        PG_BIN_DIR: postgresBinaries.binDir,
      },
      commands[0],
    );
    started.push(backup);
    const code = await backup.exited;
    // Postgres is dumped first (custom format); the ClickHouse half fails, saying why.
    const [id] = readdirSync(target);
    expect(id, backup.output()).toBeDefined();
    expect(
      readFileSync(path.join(target, id as string, "postgres.dump"))
        .subarray(0, 5)
        .toString(),
    ).toBe("PGDMP");
    expect(backup.output()).toMatch(/backup failed: .*ECONNREFUSED/);
    expect(code).toBe(1);
  }, 120_000);

  it("serve the web app from Next's standalone output: /api/health names ClickHouse's reason, static assets load", async () => {
    const port = await freePort();
    const app = startImage(web, {
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: postgres.url,
      AUTH_SECRET: "an-image-test-secret-of-at-least-32-chars",
    });
    started.push(app);
    await waitForOutput(app, /ready on http/, "the web app's ready line");
    expect(app.output()).toContain("(production)");

    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    const body = (await health.json()) as { status: string; checks: Record<string, string> };
    expect(health.status).toBe(503);
    expect(body.checks.postgres).toBe("ok");
    expect(body.checks.clickhouse).toContain("CLICKHOUSE_URL is not set");

    const page = await fetch(`http://127.0.0.1:${port}/sign-in`);
    expect(page.status).toBe(200);
    const asset = (await page.text()).match(/\/_next\/static\/[^"']+\.js/)?.[0];
    expect(asset).toBeDefined();
    expect((await fetch(`http://127.0.0.1:${port}${asset}`)).status).toBe(200);

    // The image's HEALTHCHECK runs against the same app: unhealthy while ClickHouse is missing.
    const healthcheck = startImage(web, { PORT: String(port) }, web.runtime.healthcheck);
    expect(await healthcheck.exited).toBe(1);
  }, 180_000);

  it("start the ingest worker from the deployed package with production configuration", async () => {
    const worker = startImage(ingest, {
      DATABASE_URL: postgres.url,
      CLICKHOUSE_URL: `http://127.0.0.1:${closedPort}`,
      SQS_QUEUE_URL: sqs.queueUrl,
      SQS_ENDPOINT: sqs.endpoint,
      SQS_DLQ_URL: sqs.deadLetterQueueUrl,
      AWS_REGION: sqs.region,
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
    });
    started.push(worker);
    await waitForOutput(worker, /"msg":"consuming .* clickhouse: http/, "the worker's start-up line");
    const healthcheck = startImage(ingest, {}, ingest.runtime.healthcheck);
    expect(await healthcheck.exited).toBe(0);
    await stop(worker);
    expect(worker.output()).toContain("SIGTERM: stopping");
  }, 180_000);
});
