import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { childrenDieWithParent, isAlive } from "@revolv/owned-process";
import { startOwner, waitUntilGone } from "@revolv/owned-process/testing";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { findPostgresBinaries, startPostgresServer } from "../src/index";

const binaries = findPostgresBinaries();
if ("missing" in binaries && !process.env.CI)
  console.warn(`skipping PostgreSQL server tests: ${binaries.missing}`);

describe.skipIf("missing" in binaries && !process.env.CI)("a throw-away PostgreSQL server", () => {
  const owners: ChildProcess[] = [];
  afterAll(() => {
    for (const owner of owners) owner.kill("SIGKILL");
  });

  it("answers queries, and is gone with its data directory once stopped", async () => {
    const server = await startPostgresServer();
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query<{ answer: number }>("select 40 + 2 as answer");
    expect(rows[0]?.answer).toBe(42);
    await client.end();
    await server.stop();
    expect(isAlive(server.pid)).toBe(false);
  });

  it.runIf(childrenDieWithParent)(
    "dies with the process that started it, even one killed by SIGKILL",
    async () => {
      const { parent, childPid } = await startOwner(path.join(import.meta.dirname, "fixtures", "owner.ts"));
      owners.push(parent);
      expect(isAlive(childPid)).toBe(true);
      parent.kill("SIGKILL");
      await waitUntilGone(childPid, "the postmaster");
    },
  );
});
