import { formatIssues } from "@revolv/validators";
import { createClickHouse } from "../src/client";
import { clickhouseConfigFrom, clickhouseEnvSchema } from "../src/env";
import { migrateClickHouse } from "../src/migrations";

const parsed = clickhouseEnvSchema.safeParse(process.env);
if (!parsed.success) {
  console.error(`Invalid configuration: ${formatIssues(parsed.error)}`);
  process.exit(1);
}
const handle = createClickHouse(clickhouseConfigFrom(parsed.data));
try {
  const { applied, skipped } = await migrateClickHouse(handle.client);
  console.log(`ClickHouse migrations: ${applied.length} applied, ${skipped.length} already present.`);
} catch (error) {
  console.error(`ClickHouse migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
