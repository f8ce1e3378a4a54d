import { createServer } from "node:net";
import path from "node:path";
import {
  message,
  queueDepth,
  registerDevice,
  ruleBody,
  sendBodies,
  sqsClientFor,
  storedCounts,
  until,
} from "@revolv/ingest/testing";
import { startEnvelopeReceiver } from "@revolv/observability/testing";
import { postgresMissing } from "@revolv/postgres-server";
import { createClickHouse } from "@revolv/telemetry";
import { describe, expect, it } from "vitest";
import { startSqsTap, startWorkerProcess } from "./worker-process";
import { useWorkerStage } from "./worker-stage";

/** A port nothing listens on: connecting to it is refused, as to a ClickHouse server that is down. */
async function refusingPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

const missing = postgresMissing("the ClickHouse-down fault test");

/**
 * ClickHouse unreachable at the network level, with the worker as its own process. No
 * ClickHouse server can run here (chDB is a library bound to one process), so the outage is
 * the worker's CLICKHOUSE_URL pointing at a port that refuses connections, and "ClickHouse is
 * back" is the worker restarted against a ClickHouse it can reach (chDB in its data dir).
 * What is proved is the SQS side: through the outage nothing is deleted and nothing is
 * dead-lettered, and afterwards every message is stored once. (test/worker.test.ts covers the
 * same ClickHouse coming back under a worker that keeps running.)
 */
describe.skipIf(missing)("ClickHouse unreachable for a while", () => {
  // Few receives allowed: a worker that kept receiving through the outage would have SQS
  // move these messages to the dead-letter queue.
  // Not shorter: on a loaded machine a batch must still be received, flushed and deleted
  // within one visibility timeout, or it cycles into the dead-letter queue with no outage.
  const stage = useWorkerStage("ch-down", { visibilityTimeoutSeconds: 2, maxReceiveCount: 5 });
  const { temp, workers } = stage;

  const workerEnv = (sqsEndpoint: string, clickhouseUrl?: string) => ({
    SQS_ENDPOINT: sqsEndpoint,
    // No SQS_DLQ_URL: the worker finds the dead-letter queue in the queue's redrive policy.
    SQS_QUEUE_URL: stage.emulator.queueUrl,
    AWS_REGION: stage.emulator.region,
    DATABASE_URL: stage.postgres.url,
    DATA_DIR: temp.dir,
    INGEST_CONSUMERS: "2",
    INGEST_WAIT_TIME_SECONDS: "1",
    INGEST_FLUSH_INTERVAL_MS: "100",
    ...(clickhouseUrl ? { CLICKHOUSE_URL: clickhouseUrl } : {}),
  });

  // Two worker processes, an outage watched through several visibility timeouts and a drain,
  // each step with its own deadline below: the whole takes more than the default 60 s when
  // the suite's other package loads the second core.
  it("loses nothing: no delete and no dead letter during the outage, every message stored once after", {
    timeout: 240_000,
  }, async () => {
    const sqs = sqsClientFor(stage.emulator);
    const soundbox = await registerDevice(stage.database.db, "soundbox");
    const start = Date.now() - 600_000;
    const bodies = Array.from({ length: 200 }, (_, i) =>
      ruleBody(
        soundbox.id,
        message(`down-${i}`, start + i * 1_000, [
          { metric: "battery_pct", value: 50 + (i % 50) },
          { metric: "signal_rssi_dbm", value: -70 - (i % 20) },
        ]),
      ),
    );
    await sendBodies(sqs, stage.emulator.queueUrl, bodies);

    // Counts the worker's ReceiveMessage calls on their way to the emulator, and their answers.
    let receives = 0;
    let answered = 0;
    const tap = await startSqsTap(
      stage.emulator.endpoint,
      (action) => {
        if (action === "ReceiveMessage") receives += 1;
        return "forward";
      },
      (action) => {
        if (action === "ReceiveMessage") answered += 1;
      },
    );
    // Sentry's ingest stand-in, and the worker's own metrics port: the failure must show in both.
    const sentry = await startEnvelopeReceiver();
    const down = await startWorkerProcess({
      ...workerEnv(tap.endpoint, `http://127.0.0.1:${await refusingPort()}`),
      SENTRY_DSN: sentry.dsn,
      INGEST_METRICS_PORT: "0",
    });
    workers.push(down);
    try {
      await until(() => down.output().includes("insert failed"), "an insert fails");
      const metricsPort = /metrics on :(\d+)\/metrics/.exec(down.output())?.[1];
      const scrape = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      expect(scrape).toMatch(/^ingest_insert_failures_total [1-9]/m);
      expect(scrape).toMatch(/^ingest_rows_inserted_total 0$/m);
      const insertEvents = () =>
        sentry.envelopes.flatMap((envelope) =>
          envelope.items.filter(
            (item) =>
              item.header.type === "event" &&
              (item.payload as { tags?: Record<string, string> }).tags?.component === "insert",
          ),
        );
      await until(() => insertEvents().length > 0, "the failed insert reaches Sentry as an envelope");
      expect(insertEvents()[0]?.payload).toMatchObject({ tags: { service: "ingest", component: "insert" } });
      // Long polls already waiting may still return (each within INGEST_WAIT_TIME_SECONDS);
      // once they have, through several visibility timeouts, the worker must not receive at all.
      await until(() => answered === receives, "the long polls in flight at the failure are answered");
      const receivesBefore = receives;
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      // A consumer that passed the open gate just before the insert failed may still have its
      // receive on the way to the tap (seen on a loaded machine): at most one per consumer.
      // A worker that kept receiving would poll several times per consumer in these 6 s.
      expect(receives - receivesBefore).toBeLessThanOrEqual(Number(workerEnv("").INGEST_CONSUMERS));
      expect(await queueDepth(sqs, stage.emulator.queueUrl)).toMatchObject({ total: 200 });
      expect((await queueDepth(sqs, stage.emulator.deadLetterQueueUrl)).total).toBe(0);
      // A graceful stop in the outage: the final flush fails too, and still nothing is deleted.
      expect(await down.stop()).toEqual({ code: 0, signal: null });
    } finally {
      await tap.close();
      await sentry.close();
    }
    expect(down.output()).toMatch(/stopped: 0 message\(s\) inserted, .* 0 deleted/);
    expect((await queueDepth(sqs, stage.emulator.queueUrl)).total).toBe(200);

    const back = await startWorkerProcess(workerEnv(stage.emulator.endpoint));
    workers.push(back);
    await until(
      async () => (await queueDepth(sqs, stage.emulator.queueUrl)).total === 0,
      "the queue is drained",
      120_000,
    );
    expect(await back.stop()).toEqual({ code: 0, signal: null });
    expect((await queueDepth(sqs, stage.emulator.deadLetterQueueUrl)).total).toBe(0);
    sqs.destroy();

    const clickhouse = createClickHouse({ kind: "chdb", dataDir: path.join(temp.dir, "chdb") });
    try {
      expect(await storedCounts(clickhouse.client)).toEqual({
        rows: 400,
        distinctRows: 400,
        messages: 200,
        minuteCount: 400,
        hourCount: 400,
      });
    } finally {
      await clickhouse.close();
    }
  });
});
