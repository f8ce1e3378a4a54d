import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type DatabaseHandle, queryRows } from "@revolv/db";
import { alarmTransitions, devices, notificationDeliveries } from "@revolv/db/schema";
import { openTestDatabase } from "@revolv/db/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAlarmEvaluator, pruneDeliveries, SecretBox, startNotificationDispatcher } from "../src/index";
import { pruneChunkStatement } from "../src/notifications/prune";
import { insertGlassBinRule } from "./support/glass-bin-rule";

const day = 86_400_000;

/** Finished outbox rows past the retention are deleted; pending ones and recent ones stay. */
describe("pruning notification deliveries", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-prune-"));
  let handle: DatabaseHandle;
  let transitionId: string;
  let ruleId: string;

  beforeAll(async () => {
    handle = await openTestDatabase(dataDir);
    const [device] = await handle.db
      .insert(devices)
      .values({ type: "rvm", serialNumber: "SN-PRUNE", name: "RVM", site: "Lab", credentialHash: "x" })
      .returning({ id: devices.id });
    ruleId = await insertGlassBinRule(handle.db, { name: "Glass bin full", forSeconds: 0, channels: false });
    await createAlarmEvaluator({ db: handle.db, ruleCacheTtlMs: 0 }).evaluateReadings([
      { deviceId: device?.id as string, metric: "bin_fill_glass_pct", at: Date.now(), value: 90 },
    ]);
    const [transition] = await handle.db.select({ id: alarmTransitions.id }).from(alarmTransitions);
    transitionId = transition?.id as string;
  });
  afterAll(async () => {
    await handle?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const addDeliveries = async (rows: { status: "pending" | "delivered" | "failed"; ageDays: number }[]) => {
    const now = Date.now();
    const inserted = await handle.db
      .insert(notificationDeliveries)
      .values(
        rows.map(({ status, ageDays }) => ({
          id: randomUUID(),
          transitionId,
          ruleId,
          channelId: randomUUID(),
          kind: "webhook" as const,
          target: "http://127.0.0.1:9/unused",
          payload: "{}",
          status,
          nextAttemptAt: status === "pending" ? new Date(now + day) : null,
          createdAt: new Date(now - ageDays * day),
        })),
      )
      .returning({ id: notificationDeliveries.id });
    return inserted.map((row) => row.id);
  };
  const remaining = async () =>
    new Set(
      (await handle.db.select({ id: notificationDeliveries.id }).from(notificationDeliveries)).map(
        (r) => r.id,
      ),
    );

  it("deletes delivered and failed rows older than the retention, in chunks, and keeps the rest", async () => {
    const old = await addDeliveries([
      { status: "delivered", ageDays: 40 },
      { status: "delivered", ageDays: 31 },
      { status: "failed", ageDays: 35 },
    ]);
    const kept = await addDeliveries([
      { status: "pending", ageDays: 40 },
      { status: "delivered", ageDays: 29 },
      { status: "failed", ageDays: 1 },
    ]);
    expect(await pruneDeliveries(handle.db, 30 * day, Date.now(), 2)).toBe(3);
    const left = await remaining();
    for (const id of old) expect(left.has(id)).toBe(false);
    for (const id of kept) expect(left.has(id)).toBe(true);
    expect(await pruneDeliveries(handle.db, 30 * day)).toBe(0);
  });

  it("is run by the dispatcher", async () => {
    const [old] = await addDeliveries([{ status: "delivered", ageDays: 10 }]);
    const dispatcher = startNotificationDispatcher({
      db: handle.db,
      secrets: new SecretBox("k".repeat(32)),
      sendEmail: async () => ({ ok: false, status: null, error: "unused" }),
      retentionMs: 7 * day,
      log: () => {},
    });
    try {
      const deadline = Date.now() + 10_000;
      while ((await remaining()).has(old as string)) {
        if (Date.now() > deadline)
          throw new Error("the dispatcher did not prune the 10-day-old delivery within 10 s");
        await sleep(50);
      }
    } finally {
      await dispatcher.stop();
    }
  });

  it("reads a chunk through the partial index on finished rows' age, never scanning the outbox", async () => {
    // An outbox as it stands between prunes: thousands of deliveries inside the retention, some
    // pending, analysed, so the planner chooses on statistics as it would on a large table.
    await handle.db.execute(sql`
      INSERT INTO notification_deliveries
        (id, transition_id, rule_id, channel_id, kind, target, payload, status, created_at)
      SELECT gen_random_uuid()::text, ${transitionId}, ${ruleId}, gen_random_uuid(), 'webhook',
        'http://127.0.0.1:9/unused', '{}', CASE WHEN i % 10 = 0 THEN 'pending' ELSE 'delivered' END,
        now() - (i % 28) * interval '1 day'
      FROM generate_series(1, 20000) AS i`);
    await handle.db.execute(sql`ANALYZE notification_deliveries`);
    try {
      const plan = (
        await queryRows<{ "QUERY PLAN": string }>(
          handle.db,
          sql`EXPLAIN ${pruneChunkStatement(new Date(Date.now() - 30 * day), 1_000)}`,
        )
      )
        .map((row) => row["QUERY PLAN"])
        .join("\n");
      expect(plan).toContain("notification_deliveries_finished_created_idx");
      expect(plan).not.toMatch(/Seq Scan on notification_deliveries/);
    } finally {
      await handle.db.delete(notificationDeliveries);
    }
  });
});
