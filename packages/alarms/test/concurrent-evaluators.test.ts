import { createDatabase, type DatabaseHandle } from "@revolv/db";
import { alarmRules, alarms, alarmTransitions, devices, notificationDeliveries } from "@revolv/db/schema";
import { type PostgresServer, postgresMissing, startPostgresServer } from "@revolv/postgres-server";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAlarmEvaluator, type EvaluatedReading } from "../src/index";
import { insertGlassBinRule } from "./support/glass-bin-rule";

const missing = postgresMissing("the concurrent alarm evaluator test");

/**
 * Two workers judging the same batch at the same moment (an SQS redelivery while the first is
 * still at it), each on its own connection pool to a real PostgreSQL server: the row lock and
 * the transitions' derived ids must leave one alarm, one transition and one notification per
 * (rule, device).
 */
describe.skipIf(missing)("two evaluators on one batch against a real PostgreSQL server", () => {
  let server: PostgresServer;
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  const deviceIds: string[] = [];
  let ruleId: string;

  beforeAll(async () => {
    server = await startPostgresServer();
    first = createDatabase({ kind: "pg", url: server.url });
    second = createDatabase({ kind: "pg", url: server.url });
    await first.migrate();
    const rows = await first.db
      .insert(devices)
      .values(
        Array.from({ length: 12 }, (_, i) => ({
          type: "rvm" as const,
          serialNumber: `SN-CONC-${i}`,
          name: `RVM ${i}`,
          site: "Lab",
          credentialHash: "x",
        })),
      )
      .returning({ id: devices.id });
    deviceIds.push(...rows.map((row) => row.id));
    ruleId = await insertGlassBinRule(first.db, { name: "Glass bin full", forSeconds: 60 });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await server?.stop();
  });

  it("leaves one active alarm, one raised transition and one delivery per (rule, device)", async () => {
    const t0 = Date.parse("2026-11-30T10:00:00Z");
    const batch: EvaluatedReading[] = deviceIds.flatMap((deviceId) =>
      [0, 30, 60, 90].map((s) => ({
        deviceId,
        metric: "bin_fill_glass_pct",
        at: t0 + s * 1000,
        value: 85 + s / 30,
      })),
    );
    const a = createAlarmEvaluator({ db: first.db, ruleCacheTtlMs: 0 });
    const b = createAlarmEvaluator({ db: second.db, ruleCacheTtlMs: 0 });
    // Many at once on both pools: the same batch, and the same batch with the devices in reverse
    // order, so evaluators meet on the same pair at the same moment rather than one behind the other.
    const reversed = [...batch].reverse();
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? b : a).evaluateReadings(i % 4 < 2 ? batch : reversed)),
    );
    expect(created.reduce((sum, n) => sum + n, 0)).toBe(deviceIds.length);

    const perPair = await first.db.select({ n: count() }).from(alarms).where(eq(alarms.ruleId, ruleId));
    const active = await first.db.select({ n: count() }).from(alarms).where(eq(alarms.status, "active"));
    const raised = await first.db
      .select({ n: count() })
      .from(alarmTransitions)
      .where(eq(alarmTransitions.kind, "raised"));
    const queued = await first.db.select({ n: count() }).from(notificationDeliveries);
    expect(perPair[0]?.n).toBe(deviceIds.length);
    expect(active[0]?.n).toBe(deviceIds.length);
    expect(raised[0]?.n).toBe(deviceIds.length);
    expect(queued[0]?.n).toBe(deviceIds.length);
  });

  it("asks the caller only for the readings of metrics an enabled rule watches, and for none without such a rule", async () => {
    const evaluator = createAlarmEvaluator({ db: first.db, ruleCacheTtlMs: 0 });
    const asked: string[][] = [];
    const pick = (watched: ReadonlySet<string>) => {
      asked.push([...watched]);
      return [];
    };
    expect(await evaluator.evaluateReadings(pick)).toBe(0);
    expect(asked).toEqual([["bin_fill_glass_pct"]]);

    await first.db.update(alarmRules).set({ enabled: false }).where(eq(alarmRules.id, ruleId));
    try {
      expect(await evaluator.evaluateReadings(pick)).toBe(0);
      expect(asked).toHaveLength(1);
    } finally {
      await first.db.update(alarmRules).set({ enabled: true }).where(eq(alarmRules.id, ruleId));
    }
  });
});
