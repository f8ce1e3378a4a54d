import { checkClickHouse } from "@revolv/telemetry";
import { sql } from "drizzle-orm";
import type { Services } from "./services";

export interface HealthReport {
  status: "ok" | "degraded";
  checks: { postgres: string; clickhouse: string };
}

async function checkPostgres(db: Services["db"]): Promise<string> {
  try {
    await db.execute(sql`select 1`);
    return "ok";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Every check is `ok` or the reason it failed, so operators see why from one request. */
export async function checkHealth(services: Services): Promise<HealthReport> {
  const [postgres, clickhouse] = await Promise.all([
    checkPostgres(services.db),
    checkClickHouse(services.clickhouse),
  ]);
  const status = postgres === "ok" && clickhouse === "ok" ? "ok" : "degraded";
  return { status, checks: { postgres, clickhouse } };
}
