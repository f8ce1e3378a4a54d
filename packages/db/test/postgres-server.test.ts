import { type PostgresServer, postgresMissing, startPostgresServer } from "@revolv/postgres-server";
import { afterAll, beforeAll, describe } from "vitest";
import { createDatabase, type DatabaseHandle } from "../src/client";
import { describeDatabaseContract } from "./database-contract";

const missing = postgresMissing("the pg driver tests");

describe.skipIf(missing)("pg driver against a real PostgreSQL server", () => {
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
