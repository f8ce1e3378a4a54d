import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { Pool as NeonPool } from "@neondatabase/serverless";
import type { SQL } from "drizzle-orm";
import { drizzle as drizzleNeon } from "drizzle-orm/neon-serverless";
import { migrate as migrateNeon } from "drizzle-orm/neon-serverless/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as DrizzlePglite from "drizzle-orm/pglite";
import type * as DrizzlePgliteMigrator from "drizzle-orm/pglite/migrator";
import pg from "pg";
import type { DatabaseConfig } from "./env";
import { observePool, registerPoolMetrics } from "./pool-metrics";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The driver-independent Drizzle type every query in the project is written against. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

/** Raw SQL for the rare query the builder cannot express; every driver returns `{ rows }`. */
export async function queryRows<Row>(db: Database, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as { rows: Row[] };
  return result.rows;
}

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseConfig["kind"];
  /** Applies pending drizzle-kit migrations; safe to call on every start. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = () => path.resolve(import.meta.dirname, "../migrations");

/**
 * PGlite on `dataDir`. `loadDataDir` starts an empty directory from a `dumpDataDir()` archive
 * instead of running initdb, which is how tests get a migrated database in a second.
 */
export function openPglite(dataDir: string, options: { loadDataDir?: Blob } = {}): DatabaseHandle {
  mkdirSync(dataDir, { recursive: true });
  const { PGlite, drizzlePglite, migratePglite } = loadPglite();
  const client = new PGlite(dataDir, options);
  const db = drizzlePglite({ client, schema, casing: "snake_case" });
  return {
    db: db as unknown as Database,
    kind: "pglite",
    migrate: () => migratePglite(db, { migrationsFolder: migrationsFolder() }),
    close: () => client.close(),
  };
}

/**
 * PGlite is an optional peer (`@revolv/stack` and the tests install it), loaded only when the
 * embedded engine is chosen, so a production install (`pnpm install --prod`, the web image)
 * neither needs nor carries it. A synchronous `require` (Node loads ES modules that way
 * too) keeps `createDatabase` synchronous for its many callers.
 */
function loadPglite() {
  const require = createRequire(import.meta.url);
  try {
    // Next bundles this module for route handlers, which never open PGlite: the comments keep
    // Turbopack from tracing the engine into the web app's standalone output.
    const { PGlite: PGliteClass } = require(/* turbopackIgnore: true */ "@electric-sql/pglite") as {
      PGlite: typeof PGlite;
    };
    const { drizzle } = require(/* turbopackIgnore: true */ "drizzle-orm/pglite") as typeof DrizzlePglite;
    const { migrate } =
      require(/* turbopackIgnore: true */ "drizzle-orm/pglite/migrator") as typeof DrizzlePgliteMigrator;
    return { PGlite: PGliteClass, drizzlePglite: drizzle, migratePglite: migrate };
  } catch (error) {
    throw new Error(
      `the embedded Postgres (PGlite) is not installed here; set DATABASE_URL to a Postgres server (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

export function createDatabase(config: DatabaseConfig): DatabaseHandle {
  // The pool gauges exist whatever the engine (zero with PGlite), so dashboards and alert rules
  // find the same series in every deployment.
  registerPoolMetrics();
  switch (config.kind) {
    case "pglite":
      return openPglite(config.dataDir);
    case "pg": {
      const pool = new pg.Pool({ connectionString: config.url, max: 10 });
      const db = drizzlePg({ client: pool, schema, casing: "snake_case" });
      const forgetPool = observePool(pool);
      return {
        db: db as unknown as Database,
        kind: "pg",
        migrate: () => migratePg(db, { migrationsFolder: migrationsFolder() }),
        close: () => {
          forgetPool();
          return pool.end();
        },
      };
    }
    case "neon": {
      const pool = new NeonPool({ connectionString: config.url });
      const db = drizzleNeon({ client: pool, schema, casing: "snake_case" });
      const forgetPool = observePool(pool);
      return {
        db: db as unknown as Database,
        kind: "neon",
        migrate: () => migrateNeon(db, { migrationsFolder: migrationsFolder() }),
        close: () => {
          forgetPool();
          return pool.end();
        },
      };
    }
  }
}
