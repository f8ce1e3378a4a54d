import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SecretBox, signBody } from "@revolv/alarms";
import { alarmRules, alarms, alarmTransitions } from "@revolv/db/schema";
import {
  message,
  queueDepth,
  type RegisteredDevice,
  registerDevice,
  ruleBody,
  sendBodies,
  sqsClientFor,
  until,
} from "@revolv/ingest/testing";
import { postgresMissing } from "@revolv/postgres-server";
import { count, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { startWorkerProcess } from "./worker-process";
import { useWorkerStage } from "./worker-stage";

const missing = postgresMissing("the alarm SIGKILL fault test");
const secretsKey = "alarm-sigkill-test-key-of-32-characters";
const secret = "sigkill-webhook-secret";

/**
 * The worker as its own process, killed with SIGKILL the moment it starts judging a stored batch
 * against the alarm rules, then restarted: the batch comes back (it was never deleted), is
 * found stored, and is judged again. Still one alarm per (rule, device), every transition
 * stored once and delivered at least once under its idempotency key.
 */
describe.skipIf(missing)("the worker killed with SIGKILL while evaluating alarms, then restarted", () => {
  const stage = useWorkerStage("alarm-sigkill", { visibilityTimeoutSeconds: 2, maxReceiveCount: 50 });
  const { temp, workers } = stage;
  const received: { key: string; body: string; signature: string }[] = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({
        key: String(req.headers["idempotency-key"]),
        body: Buffer.concat(chunks).toString("utf8"),
        signature: String(req.headers["x-revolv-signature"]),
      });
      res.writeHead(200).end();
    });
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  const workerEnv = () => ({
    SQS_ENDPOINT: stage.emulator.endpoint,
    SQS_QUEUE_URL: stage.emulator.queueUrl,
    SQS_DLQ_URL: stage.emulator.deadLetterQueueUrl,
    AWS_REGION: stage.emulator.region,
    DATABASE_URL: stage.postgres.url,
    DATA_DIR: temp.dir,
    INGEST_CONSUMERS: "2",
    INGEST_WAIT_TIME_SECONDS: "1",
    INGEST_FLUSH_INTERVAL_MS: "200",
    INGEST_ANNOUNCE_EVALUATIONS: "1",
    ALARM_SECRETS_KEY: secretsKey,
    ALARM_RETRY_BASE_MS: "50",
    ALARM_ATTEMPT_TIMEOUT_MS: "1000",
  });

  it("leaves one alarm per (rule, device) and delivers every transition at least once", {
    timeout: 240_000,
  }, async () => {
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const { db } = stage.database;
    const fleet: RegisteredDevice[] = [];
    for (let i = 0; i < 3; i++) fleet.push(await registerDevice(db, "rvm"));
    const [rule] = await db
      .insert(alarmRules)
      .values({
        name: "PET bin full",
        severity: "major",
        condition: {
          kind: "threshold",
          metric: "bin_fill_pet_pct",
          operator: "above",
          threshold: 90,
          clearThreshold: 50,
          forSeconds: 60,
        },
        channels: [
          {
            kind: "webhook",
            id: randomUUID(),
            url,
            secretCiphertext: new SecretBox(secretsKey).seal(secret),
          },
        ],
      })
      .returning();
    // Per device: raised at the 2nd reading, cleared at the 4th, raised again at the 6th.
    const fills = [95, 96, 97, 10, 95, 96];
    const start = Date.now() - 3_600_000;
    const bodies = fleet.flatMap((device) =>
      fills.map((value, k) =>
        ruleBody(
          device.id,
          message(`fill-${k}`, start + k * 60_000, [{ metric: "bin_fill_pet_pct", value }]),
        ),
      ),
    );
    const expectedTransitions = fleet.length * 3;

    const first = await startWorkerProcess(workerEnv());
    workers.push(first);
    // Killed on the line it prints right before judging its first stored batch.
    let killed = false;
    first.child.stdout?.on("data", () => {
      if (!killed && first.output().includes("alarm evaluation starting")) {
        killed = true;
        first.child.kill("SIGKILL");
      }
    });
    const sqs = sqsClientFor(stage.emulator);
    await sendBodies(sqs, stage.emulator.queueUrl, bodies);
    expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
    expect(killed).toBe(true);

    const second = await startWorkerProcess(workerEnv());
    workers.push(second);
    await until(
      async () => (await queueDepth(sqs, stage.emulator.queueUrl)).total === 0,
      "the queue is drained",
      120_000,
    );
    const stored = async () =>
      (
        await db
          .select({ n: count() })
          .from(alarmTransitions)
          .where(eq(alarmTransitions.ruleId, rule?.id as string))
      )[0]?.n;
    await until(
      async () => (await stored()) === expectedTransitions,
      `${expectedTransitions} transitions are stored`,
    );
    await until(
      () => new Set(received.map((r) => r.key)).size === expectedTransitions,
      "every transition was delivered at least once",
    );
    expect(await second.stop()).toEqual({ code: 0, signal: null });
    sqs.destroy();

    const rows = await db
      .select()
      .from(alarms)
      .where(eq(alarms.ruleId, rule?.id as string));
    expect(rows).toHaveLength(fleet.length);
    expect(rows.every((row) => row.status === "active" && row.raiseCount === 2)).toBe(true);
    expect(await stored()).toBe(expectedTransitions);
    // A transition delivered twice (the killed worker's delivery taken over) carries the same key and bytes.
    const byKey = new Map<string, Set<string>>();
    for (const r of received) {
      expect(r.signature).toBe(signBody(r.body, secret));
      byKey.set(r.key, (byKey.get(r.key) ?? new Set()).add(r.body));
    }
    expect([...byKey.values()].every((variants) => variants.size === 1)).toBe(true);
  });
});
