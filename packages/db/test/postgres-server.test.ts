import { type PostgresServer, postgresMissing, startPostgresServer } from "@revolv/postgres-server";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type DatabaseHandle, queryRows } from "../src/client";
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

  it("serves the device table's search from the trigram indexes (Debian's server ships pg_trgm)", async () => {
    const { db } = handle ?? createDatabase({ kind: "pg", url: server.url });
    // Without statistics on a tiny table the planner would scan; forbid that to see the index is usable.
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return queryRows<{ "QUERY PLAN": string }>(
        tx,
        sql`explain select id from devices where name ilike '%lisbon%' or serial_number ilike '%lisbon%'`,
      );
    });
    const text = plan.map((row) => row["QUERY PLAN"]).join("\n");
    expect(text).toContain("devices_name_trgm_idx");
    expect(text).toContain("devices_serial_number_trgm_idx");
  });
});
