/**
 * Production applies Postgres migrations explicitly (`pnpm db:migrate`) rather than on
 * every start, so a rolling deploy never races two instances through the same DDL.
 */
import { formatIssues } from "@revolv/validators";
import { createDatabase } from "../src/client";
import { databaseConfigFrom, databaseEnvSchema } from "../src/env";

const parsed = databaseEnvSchema.safeParse(process.env);
if (!parsed.success) {
  console.error(`Invalid configuration: ${formatIssues(parsed.error)}`);
  process.exit(1);
}
const config = databaseConfigFrom(parsed.data);
const handle = createDatabase(config);
try {
  await handle.migrate();
  console.log(`Postgres migrations applied (${config.kind}).`);
} catch (error) {
  console.error(`Postgres migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
