import { findPostgresBinaries } from "@revolv/postgres-server";
import type { ApiEngine } from "./api-stack";

const binaries = findPostgresBinaries();
if ("missing" in binaries) {
  // CI installs Debian's postgresql, so a missing server there is a broken CI, not a skip.
  if (process.env.CI) throw new Error(`CI must provide PostgreSQL: ${binaries.missing}`);
  console.warn(`Running on PGlite only: ${binaries.missing}`);
}

/** The engines a test that depends on Postgres semantics (locks, arrays, ILIKE) runs on. */
export const apiEngines: ApiEngine[] = "missing" in binaries ? ["pglite"] : ["pglite", "postgres"];
