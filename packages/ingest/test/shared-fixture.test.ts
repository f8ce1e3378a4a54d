import { readFileSync } from "node:fs";
import path from "node:path";
import { iotRuleBody } from "@revolv/broker";
import { startSqsEmulator } from "@revolv/queue/emulator";
import { sqsTelemetryBodySchema } from "@revolv/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startIngestWorker } from "../src/worker";
import {
  openChdb,
  openPglite,
  queueClientFor,
  registerDevice,
  sendBodies,
  sqsClientFor,
  tempDir,
  until,
} from "./harness";

const fixtures = path.resolve(import.meta.dirname, "fixtures");
/** What a device publishes on devices/{id}/telemetry. */
const payload = readFileSync(path.join(fixtures, "iot-rule-payload.json"));
/** What the production IoT topic rule put on SQS for that publish. */
const productionBody = readFileSync(path.join(fixtures, "iot-rule-body.json"), "utf8");
const { deviceId, receivedAt } = JSON.parse(productionBody) as { deviceId: string; receivedAt: number };

/**
 * Every table a message ends up in (its rollups are projections inside the raw parts); server
 * insert times differ between two runs by nature.
 */
const storedTables: Record<string, string> = {
  telemetry_readings: "* EXCEPT (inserted_at)",
  telemetry_latest: "*",
};

describe("one fixture, two producers: the IoT rule and the embedded bridge", () => {
  const temp = tempDir("fixture");
  let database: Awaited<ReturnType<typeof openPglite>>;
  let clickhouse: Awaited<ReturnType<typeof openChdb>>;

  beforeAll(async () => {
    database = await openPglite(temp.dir);
    clickhouse = await openChdb(temp.dir);
    await registerDevice(database.db, "rvm", { id: deviceId });
  });
  afterAll(async () => {
    await clickhouse.close();
    await database.close();
    temp.cleanup();
  });

  /** Runs a worker over one SQS body and returns every stored row of every table, then empties them. */
  async function storeThroughWorker(body: string) {
    // A queue per run: the first worker's stop aborts a long poll, which the emulator may still
    // hand the next message to (it would come back only after the visibility timeout).
    const emulator = await startSqsEmulator({ port: 0 });
    const sqs = sqsClientFor(emulator);
    await sendBodies(sqs, emulator.queueUrl, [body]);
    const queue = queueClientFor(emulator);
    const worker = startIngestWorker({
      queue,
      queueUrl: emulator.queueUrl,
      deadLetterQueueUrl: emulator.deadLetterQueueUrl,
      clickhouse: clickhouse.client,
      db: database.db,
      consumers: 1,
      waitTimeSeconds: 1,
      flushIntervalMs: 50,
      log: () => {},
    });
    await until(() => worker.metrics.deleted === 1, "the message is stored and deleted");
    await worker.stop();
    sqs.destroy();
    await queue.close();
    await emulator.stop();
    expect(worker.metrics.insertedMessages).toBe(1);

    const stored: Record<string, unknown[]> = {};
    for (const [table, columns] of Object.entries(storedTables)) {
      stored[table] = await clickhouse.client
        .query({ query: `SELECT ${columns} FROM ${table} ORDER BY ALL`, format: "JSONEachRow" })
        .then((r) => r.json());
      await clickhouse.client.command({ query: `TRUNCATE TABLE ${table}` });
    }
    return stored;
  }

  it("the bridge turns the payload into exactly the production body, and the worker stores both alike", async () => {
    const bridgeBody = iotRuleBody(deviceId, payload, receivedAt);
    expect(JSON.parse(bridgeBody)).toEqual(JSON.parse(productionBody));
    // The rule appends its two fields after the payload's own; the bridge keeps that order.
    expect(Object.keys(JSON.parse(bridgeBody))).toEqual(Object.keys(JSON.parse(productionBody)));
    expect(sqsTelemetryBodySchema.safeParse(JSON.parse(bridgeBody)).success).toBe(true);

    const fromProduction = await storeThroughWorker(productionBody);
    const fromBridge = await storeThroughWorker(bridgeBody);
    // Three readings in every table.
    for (const table of Object.keys(storedTables)) {
      expect(fromProduction[table], table).toHaveLength(3);
    }
    expect(fromBridge).toEqual(fromProduction);
  });
});
