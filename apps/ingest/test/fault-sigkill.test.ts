import path from "node:path";
import {
  message,
  queueDepth,
  type RegisteredDevice,
  registerDevice,
  ruleBody,
  sendBodies,
  sqsClientFor,
  storedCounts,
  storedMessageRows,
  until,
} from "@revolv/ingest/testing";
import { postgresMissing } from "@revolv/postgres-server";
import { createClickHouse } from "@revolv/telemetry";
import type { Reading } from "@revolv/validators";
import { describe, expect, it } from "vitest";
import { startSqsTap, startWorkerProcess } from "./worker-process";
import { useWorkerStage } from "./worker-stage";

const missing = postgresMissing("the SIGKILL fault test");

/**
 * The worker as its own process, killed with SIGKILL at the worst moment and restarted, on a
 * real Postgres server (a PGlite directory cannot be shared between processes), the fauxqs
 * emulator in this process (it outlives the worker, as SQS does) and chDB in a data directory
 * only the worker opens; this process reads it after the worker has exited.
 */
describe.skipIf(missing)("the worker killed with SIGKILL mid-batch, then restarted", () => {
  // Visibility short so the killed worker's messages come back soon; receives plentiful so
  // SQS never dead-letters them on its own.
  const stage = useWorkerStage("sigkill", { visibilityTimeoutSeconds: 2, maxReceiveCount: 50 });
  const { temp, workers } = stage;

  const workerEnv = (sqsEndpoint: string) => ({
    SQS_ENDPOINT: sqsEndpoint,
    SQS_QUEUE_URL: stage.emulator.queueUrl,
    SQS_DLQ_URL: stage.emulator.deadLetterQueueUrl,
    AWS_REGION: stage.emulator.region,
    DATABASE_URL: stage.postgres.url,
    DATA_DIR: temp.dir,
    INGEST_CONSUMERS: "4",
    INGEST_WAIT_TIME_SECONDS: "1",
    INGEST_FLUSH_ROWS: "400",
    INGEST_FLUSH_INTERVAL_MS: "200",
  });

  // Two worker processes started, one killed and one drained, each step with its own deadline:
  // more than the default 60 s when the suite's other package loads the second core.
  it("stores every published message and device event exactly once", { timeout: 240_000 }, async () => {
    const sqs = sqsClientFor(stage.emulator);
    const fleet: RegisteredDevice[] = [];
    for (let i = 0; i < 4; i++) fleet.push(await registerDevice(stage.database.db, "rvm"));
    const start = Date.now() - 3_600_000;
    let expectedRows = 0;
    const bodies: string[] = [];
    for (let i = 0; i < 800; i++) {
      const device = fleet[i % fleet.length] as RegisteredDevice;
      const readings: Reading[] = [
        { metric: "temperature_c", value: 20 + (i % 7) },
        { metric: "items_accepted", value: i % 5 },
      ];
      if (i % 3 === 0) readings.push({ metric: "bin_fill_pet_pct", value: i % 100 });
      expectedRows += readings.length;
      bodies.push(ruleBody(device.id, message(`kill-${i}`, start + i * 1_000, readings)));
    }
    // Device events ride in the same batches, sent first so the batch the worker dies after
    // holds them: a fault on each of two devices (one message each, so the event does not
    // depend on the order batches are stored in) and 10 sessions' connects and disconnects,
    // in AWS IoT Core's lifecycle body.
    const eventBodies: string[] = [];
    for (let i = 0; i < 2; i++) {
      const faulty = await registerDevice(stage.database.db, "rvm");
      eventBodies.push(
        ruleBody(faulty.id, message(`fault-${i}`, start + i * 1_000, [{ metric: "fault_code", value: 101 }])),
      );
    }
    for (let i = 0; i < 10; i++) {
      const device = fleet[i % fleet.length] as RegisteredDevice;
      const session = {
        clientId: device.id,
        sessionIdentifier: `session-${i}`,
        principalIdentifier: device.id,
      };
      const at = start + i * 10_000;
      bodies.push(
        JSON.stringify({
          ...session,
          timestamp: at,
          eventType: "connected",
          ipAddress: "10.0.0.1",
          versionNumber: i,
        }),
        JSON.stringify({
          ...session,
          timestamp: at + 5_000,
          eventType: "disconnected",
          clientInitiatedDisconnect: false,
          disconnectReason: "CONNECTION_LOST",
          versionNumber: i,
        }),
      );
    }
    const expectedEvents = 2 + 20;
    bodies.unshift(...eventBodies);
    await sendBodies(sqs, stage.emulator.queueUrl, bodies);

    // The first DeleteMessageBatch on the telemetry queue means an insert has just succeeded
    // and SQS does not know yet: the worker dies right there, with that batch stored but not
    // deleted and more messages received and buffered but not stored.
    let killedAtDelete = false;
    const tap = await startSqsTap(stage.emulator.endpoint, (action, body) => {
      if (action !== "DeleteMessageBatch" || !body.includes(stage.emulator.queueUrl)) return "forward";
      if (!killedAtDelete) {
        killedAtDelete = true;
        workers[0]?.child.kill("SIGKILL");
      }
      return "hold";
    });
    try {
      const first = await startWorkerProcess(workerEnv(tap.endpoint));
      workers.push(first);
      expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
    } finally {
      await tap.close();
    }
    expect(killedAtDelete).toBe(true);
    expect((await queueDepth(sqs, stage.emulator.queueUrl)).total).toBe(bodies.length);

    const second = await startWorkerProcess(workerEnv(stage.emulator.endpoint));
    workers.push(second);
    await until(
      async () => (await queueDepth(sqs, stage.emulator.queueUrl)).total === 0,
      "the queue is drained",
      120_000,
    );
    expect(await second.stop()).toEqual({ code: 0, signal: null });
    // The batch the first worker stored came back (it was never deleted) and was recognised.
    const stopped = /stopped: (\d+) message\(s\) inserted, (\d+) duplicate\(s\) skipped/.exec(
      second.output(),
    );
    expect(stopped, second.output()).not.toBeNull();
    const [insertedBySecond, skipped] = [Number(stopped?.[1]), Number(stopped?.[2])];
    expect(skipped).toBeGreaterThan(0);
    expect(insertedBySecond).toBeLessThan(802);
    expect((await queueDepth(sqs, stage.emulator.deadLetterQueueUrl)).total).toBe(0);
    sqs.destroy();

    // Both workers have exited: this process may open their chDB directory now.
    const clickhouse = createClickHouse({ kind: "chdb", dataDir: path.join(temp.dir, "chdb") });
    try {
      expect(await storedCounts(clickhouse.client)).toEqual({
        rows: expectedRows + 2,
        distinctRows: expectedRows + 2,
        messages: 802,
        minuteCount: expectedRows + 2,
        hourCount: expectedRows + 2,
      });
      const perMessage = await storedMessageRows(clickhouse.client);
      expect(perMessage.size).toBe(802);
      const [events] = await clickhouse.client
        .query({
          query: "SELECT count() AS rows, uniqExact(device_id, event_id) AS distinct FROM device_events",
          format: "JSONEachRow",
        })
        .then((r) => r.json<{ rows: string | number; distinct: string | number }>());
      expect([Number(events?.rows), Number(events?.distinct)]).toEqual([expectedEvents, expectedEvents]);
    } finally {
      await clickhouse.close();
    }
  });
});
