/**
 * The one-off migration task of a deploy (`migrate_command` in infra/terraform/envs/*):
 * Postgres (drizzle-kit migrations) then ClickHouse (DDL files), from the worker's image.
 * The same as `pnpm db:migrate` in the repository, which the image has no pnpm to run.
 */
import { createDatabase, databaseConfigFrom, databaseEnvSchema } from "@revolv/db";
import {
  clickhouseConfigFrom,
  clickhouseEnvSchema,
  createClickHouse,
  migrateClickHouse,
} from "@revolv/telemetry";
import { formatIssues } from "@revolv/validators";

const parsed = databaseEnvSchema.extend(clickhouseEnvSchema.shape).safeParse(process.env);
if (!parsed.success) {
  console.error(`[migrate] invalid configuration: ${formatIssues(parsed.error)}`);
  process.exit(1);
}
const database = createDatabase(databaseConfigFrom(parsed.data));
const clickhouse = createClickHouse(clickhouseConfigFrom(parsed.data));
try {
  await database.migrate();
  console.log(`[migrate] postgres (${database.kind}): migrations applied`);
  const { applied, skipped } = await migrateClickHouse(clickhouse.client);
  console.log(
    `[migrate] clickhouse (${clickhouse.kind}): ${applied.length} applied, ${skipped.length} already present`,
  );
} catch (error) {
  // Drizzle wraps the driver's error ("Failed query: …"); its cause says what went wrong.
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
  console.error(`[migrate] failed: ${error instanceof Error ? error.message : String(error)}${cause}`);
  process.exitCode = 1;
} finally {
  await Promise.allSettled([database.close(), clickhouse.close()]);
}
