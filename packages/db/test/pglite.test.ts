import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase, type DatabaseHandle } from "../src/client";
import { databaseConfigFrom, databaseEnvSchema } from "../src/env";
import { users } from "../src/schema";
import { describeDatabaseContract } from "./database-contract";

describe("PGlite (embedded default)", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-pglite-"));
  let handle: DatabaseHandle | undefined;
  const open = () => {
    handle ??= createDatabase({ kind: "pglite", dataDir });
    return handle;
  };
  afterAll(async () => {
    await handle?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describeDatabaseContract(open);

  it("keeps its data across a restart", async () => {
    const before = await open().db.select().from(users);
    await handle?.close();
    handle = undefined;
    const after = await open().db.select().from(users);
    expect(after.length).toBeGreaterThan(0);
    expect(after.map((u) => u.id).sort()).toEqual(before.map((u) => u.id).sort());
  });
});

describe("database configuration", () => {
  it("uses PGlite under DATA_DIR when DATABASE_URL is unset", () => {
    const env = databaseEnvSchema.parse({ DATA_DIR: "/srv/revolv" });
    expect(databaseConfigFrom(env)).toEqual({ kind: "pglite", dataDir: "/srv/revolv/pglite" });
  });

  it("uses pg for a plain Postgres URL and Neon for a Neon host", () => {
    const pg = databaseEnvSchema.parse({ DATABASE_URL: "postgres://u:p@db.internal:5432/revolv" });
    expect(databaseConfigFrom(pg).kind).toBe("pg");
    const neon = databaseEnvSchema.parse({
      DATABASE_URL:
        "postgresql://u:p@ep-cool-darkness-123456.eu-central-1.aws.neon.tech/revolv?sslmode=require",
    });
    expect(databaseConfigFrom(neon).kind).toBe("neon");
  });

  it("rejects a DATABASE_URL that is not a Postgres URL", () => {
    expect(databaseEnvSchema.safeParse({ DATABASE_URL: "notaurl" }).success).toBe(false);
    expect(databaseEnvSchema.safeParse({ DATABASE_URL: "mysql://x@y/z" }).success).toBe(false);
  });
});
