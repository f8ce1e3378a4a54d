import { findPostgresBinaries, type PostgresServer, startPostgresServer } from "@revolv/postgres-server";
import { afterAll, beforeAll, describe } from "vitest";
import { createDatabase, type DatabaseHandle } from "../src/client";
import { describeDatabaseContract } from "./database-contract";

const binaries = findPostgresBinaries();
if ("missing" in binaries) {
  // CI installs Debian's postgresql, so a missing server there is a broken CI, not a skip.
  if (process.env.CI) throw new Error(`CI must provide PostgreSQL: ${binaries.missing}`);
  console.warn(`Skipping the pg driver tests: ${binaries.missing}`);
}

describe.skipIf("missing" in binaries)("pg driver against a real PostgreSQL server", () => {
  let server: PostgresServer;
  let handle: DatabaseHandle | undefined;
  beforeAll(async () => {
    server = await startPostgresServer();
  });
  afterAll(async () => {
    await handle?.close();
    await server?.stop();
  });

  describeDatabaseContract(() => {
    handle ??= createDatabase({ kind: "pg", url: server.url });
    return handle;
  });
});
