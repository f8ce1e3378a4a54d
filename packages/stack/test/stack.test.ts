import { randomUUID } from "node:crypto";
import path from "node:path";
import { alarmsEnvSchema } from "@revolv/alarms";
import { checkHealth } from "@revolv/api";
import { edgeEnvSchema } from "@revolv/broker";
import { databaseEnvSchema, openPglite } from "@revolv/db";
import { alarmRules, alarms, alarmTransitions, notificationDeliveries } from "@revolv/db/schema";
import { prepareTestDatabaseDir } from "@revolv/db/testing";
import { ingestTuningEnvSchema } from "@revolv/ingest";
import { registerDevice, storedCounts, tempDir, until } from "@revolv/ingest/testing";
import { clickhouseEnvSchema, retentionEnvSchema } from "@revolv/telemetry";
import { telemetryTopic } from "@revolv/validators";
import mqtt from "mqtt";
import { afterAll, describe, expect, it } from "vitest";
import { type Stack, type StackEnv, startStack } from "../src/stack";

const day = 86_400_000;

/**
 * A delivered notification 10 days old and one 3 days old in the database at `dataDir`, as a
 * dev stack that ran for a while leaves them. Answers their ids.
 */
async function seedDeliveredNotifications(
  dataDir: string,
): Promise<{ tenDaysOld: string; threeDaysOld: string }> {
  const handle = openPglite(dataDir);
  try {
    const { db } = handle;
    const device = await registerDevice(db, "rvm");
    const [rule] = await db
      .insert(alarmRules)
      .values({
        name: "Glass bin full",
        severity: "major",
        condition: {
          kind: "threshold",
          metric: "bin_fill_glass_pct",
          operator: "above",
          threshold: 80,
          forSeconds: 0,
        },
      })
      .returning({ id: alarmRules.id });
    const ruleId = rule?.id as string;
    const [alarm] = await db
      .insert(alarms)
      .values({ ruleId, deviceId: device.id })
      .returning({ id: alarms.id });
    await db.insert(alarmTransitions).values({
      id: "stack-retention-transition",
      alarmId: alarm?.id as string,
      ruleId,
      deviceId: device.id,
      kind: "raised",
      at: new Date(Date.now() - 10 * day),
    });
    const delivered = (id: string, ageDays: number) => ({
      id,
      transitionId: "stack-retention-transition",
      ruleId,
      channelId: randomUUID(),
      kind: "webhook" as const,
      target: "http://127.0.0.1:9/unused",
      payload: "{}",
      status: "delivered" as const,
      nextAttemptAt: null,
      createdAt: new Date(Date.now() - ageDays * day),
    });
    await db
      .insert(notificationDeliveries)
      .values([delivered("ten-days-old", 10), delivered("three-days-old", 3)]);
    return { tenDaysOld: "ten-days-old", threeDaysOld: "three-days-old" };
  } finally {
    await handle.close();
  }
}

describe("the embedded stack on its own, as server.ts and tests start it", () => {
  const temp = tempDir("stack");
  const logs: string[] = [];
  let stack: Stack | undefined;
  afterAll(async () => {
    await stack?.stop();
    temp.cleanup();
  });

  it("opens the engines, seeds, runs the edge and the worker, and stops in order", async () => {
    const env: StackEnv = {
      ...databaseEnvSchema.parse({ DATA_DIR: temp.dir }),
      ...clickhouseEnvSchema.parse({ DATA_DIR: temp.dir }),
      ...retentionEnvSchema.parse({}),
      ...edgeEnvSchema.parse({ MQTT_PORT: "0", MQTT_HOST: "127.0.0.1", SQS_PORT: "0" }),
      ...ingestTuningEnvSchema.parse({
        INGEST_CONSUMERS: "2",
        INGEST_WAIT_TIME_SECONDS: "1",
        INGEST_FLUSH_INTERVAL_MS: "100",
      }),
      // A retention shorter than the default's 30 days, which a stack ignoring it would keep.
      ...alarmsEnvSchema.parse({ ALARM_DELIVERY_RETENTION_DAYS: "7" }),
      NODE_ENV: "test",
      REVOLV_EMBEDDED: false,
      ADMIN_PASSWORD: "stack test password",
    };
    // A migrated copy of the shared template, as the web tests use: initdb and every
    // migration on each run would cost a minute on a busy two-core machine. The stack still
    // runs its migrations (a no-op here) and seeds.
    await prepareTestDatabaseDir(path.join(temp.dir, "pglite"));
    const deliveries = await seedDeliveredNotifications(path.join(temp.dir, "pglite"));
    stack = await startStack(env, (line) => logs.push(line));
    expect(await checkHealth(stack.services)).toMatchObject({ status: "ok" });
    // The dispatcher prunes once at start, then hourly: with ALARM_DELIVERY_RETENTION_DAYS=7
    // the 10-day-old delivery goes and the 3-day-old one stays.
    const { db } = stack.services;
    const deliveryIds = async () =>
      (await db.select({ id: notificationDeliveries.id }).from(notificationDeliveries)).map((row) => row.id);
    await until(
      async () => !(await deliveryIds()).includes(deliveries.tenDaysOld),
      "the stack's dispatcher pruned the 10-day-old delivery (ALARM_DELIVERY_RETENTION_DAYS=7)",
      20_000,
    );
    expect(await deliveryIds()).toEqual([deliveries.threeDaysOld]);
    expect(logs).toContain("first admin created: admin@revolv.local (password from ADMIN_PASSWORD)");

    const mqttPort = Number(logs.map((line) => /mqtt: aedes broker on :(\d+)/.exec(line)?.[1]).find(Boolean));
    const device = await registerDevice(stack.services.db, "rvm");
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
      clientId: device.id,
      username: device.id,
      password: device.credential,
      reconnectPeriod: 0,
    });
    await client.publishAsync(
      telemetryTopic(device.id),
      JSON.stringify({
        v: 1,
        messageId: "stack-1",
        deviceTime: new Date(Date.now() - 1_000).toISOString(),
        readings: [{ metric: "temperature_c", value: 21.5 }],
      }),
      { qos: 1 },
    );
    await client.endAsync();
    const { clickhouse } = stack.services;
    await until(
      async () => (await storedCounts(clickhouse, [device.id])).rows === 1,
      "the reading is stored",
    );

    const stopping = stack;
    stack = undefined;
    await stopping.stop();
    // The worker stopped after the broker and before the engines closed: it reports what it did.
    expect(logs.find((line) => line.startsWith("ingest: stopped:"))).toContain("1 message(s) inserted");
    // A cap for a hung start or stop: opening both engines took 18 s at a load of 18.
  }, 180_000);
});
