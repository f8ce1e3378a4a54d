import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type AlarmRuntime, type AlarmWebhookBody, SecretBox, startAlarmRuntime } from "@revolv/alarms";
import { createCaller, createTRPCContext } from "@revolv/api";
import { hashPassword } from "@revolv/auth";
import { type DeviceEdge, startDeviceEdge } from "@revolv/broker";
import { type DatabaseHandle, seedDatabase, users } from "@revolv/db";
import { alarms as alarmTable, alarmTransitions } from "@revolv/db/schema";
import { createQueueClient, type QueueClient } from "@revolv/queue";
import type { ClickHouseHandle } from "@revolv/telemetry";
import { type AlarmLiveEvent, type TelemetryMessage, telemetryTopic } from "@revolv/validators";
import { asc, eq } from "drizzle-orm";
import mqtt, { type MqttClient } from "mqtt";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type IngestWorker, startIngestWorker } from "../src/worker";
import {
  message,
  openChdb,
  openPglite,
  type RegisteredDevice,
  registerDevice,
  tempDir,
  until,
} from "./harness";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on a real socket; `answer` decides each response (null: never answer). */
function startReceiver(answer: (attempt: number) => number | null) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const status = answer(received.length);
      if (status !== null) res.writeHead(status).end();
    });
  });
  return new Promise<{ url: string; received: Received[]; close(): Promise<void> }>((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/hook`,
        received,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/**
 * The events a receiver honouring the idempotency key acts on, in order. Deliveries are at least
 * once: on a loaded machine an attempt can time out after the receiver got it, and the retry
 * carries the same key.
 */
const eventsByKey = (received: Received[]) =>
  new Map(
    received.map((r) => [r.headers["idempotency-key"], (JSON.parse(r.body) as AlarmWebhookBody).event]),
  );

const hmac = (body: string, secret: string) =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

/**
 * Alarm rules over the whole pipeline, on real sockets: devices publish over MQTT to aedes, the
 * bridge puts each publish on fauxqs, the worker stores it in chDB and judges the rules, and
 * the dispatcher delivers to a webhook receiver and a real SMTP server the test starts.
 */
describe("alarms: MQTT → worker → evaluation → webhook and email", () => {
  const temp = tempDir("alarms");
  const secret = "a-webhook-secret-of-some-length";
  let database: DatabaseHandle;
  let clickhouse: ClickHouseHandle;
  let edge: DeviceEdge;
  let queue: QueueClient;
  let worker: IngestWorker;
  let runtime: AlarmRuntime;
  let smtp: SMTPServer;
  let adminId: string;
  const emails: { to: string[]; data: string }[] = [];
  const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
  const clients: MqttClient[] = [];
  const secrets = new SecretBox("test-alarm-secrets-key-of-32-characters!");

  const api = () =>
    createCaller(
      createTRPCContext({
        services: { db: database.db, clickhouse: clickhouse.client, alarmSecrets: secrets },
        headers: new Headers(),
        principal: { userId: adminId, sessionId: randomUUID(), role: "admin" },
      }),
    );

  async function connect(device: RegisteredDevice) {
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${edge.mqttPort}`, {
      clientId: device.id,
      username: device.id,
      password: device.credential,
      reconnectPeriod: 0,
    });
    clients.push(client);
    return (m: TelemetryMessage) =>
      client.publishAsync(telemetryTopic(device.id), JSON.stringify(m), { qos: 1 });
  }

  beforeAll(async () => {
    database = await openPglite(temp.dir);
    clickhouse = await openChdb(temp.dir);
    await seedDatabase(database.db, { hashPassword, adminPassword: "a-long-admin-password" });
    const [admin] = await database.db.select({ id: users.id }).from(users);
    adminId = admin?.id as string;
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          emails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            data: Buffer.concat(chunks).toString("utf8"),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    edge = await startDeviceEdge({
      db: database.db,
      config: {
        mqtt: { port: 0, host: "127.0.0.1" },
        sqs: { kind: "emulator", port: 0, region: "us-east-1", maxReceiveCount: 5 },
      },
    });
    queue = createQueueClient({ endpoint: edge.sqs.endpoint, region: edge.sqs.region });
    runtime = startAlarmRuntime({
      db: database.db,
      secretsKey: "test-alarm-secrets-key-of-32-characters!",
      smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
      ruleCacheTtlMs: 0,
      delivery: {
        baseBackoffMs: 20,
        maxBackoffMs: 100,
        attemptTimeoutMs: 1_000,
        maxAttempts: 4,
        pollMs: 100,
      },
      log: () => {},
    });
    worker = startIngestWorker({
      queue,
      queueUrl: edge.sqs.queueUrl,
      deadLetterQueueUrl: edge.sqs.deadLetterQueueUrl as string,
      clickhouse: clickhouse.client,
      db: database.db,
      consumers: 2,
      waitTimeSeconds: 1,
      flushIntervalMs: 200,
      alarms: runtime.evaluator,
      silenceCheckMs: 3_600_000,
      log: () => {},
    });
  });
  afterAll(async () => {
    await Promise.allSettled(clients.map((client) => client.endAsync()));
    await edge?.stopBroker();
    await worker?.stop();
    await runtime?.stop();
    await queue?.close();
    await edge?.stopQueue();
    await Promise.allSettled(receivers.map((r) => r.close()));
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
    await clickhouse?.close();
    await database?.close();
    temp.cleanup();
  });

  it("a bin past the threshold for the duration raises one alarm, one signed webhook and one email; emptying it clears both", async () => {
    const receiver = await startReceiver(() => 200);
    receivers.push(receiver);
    const device = await registerDevice(database.db, "rvm", { site: "Depot 7" });
    const rule = await api().alarms.rules.create({
      name: "PET bin full",
      severity: "major",
      scope: { deviceType: "rvm", site: "Depot 7" },
      condition: {
        kind: "threshold",
        metric: "bin_fill_pet_pct",
        operator: "above",
        threshold: 90,
        clearThreshold: 50,
        forSeconds: 120,
      },
      channels: [
        { kind: "webhook", url: receiver.url, secret },
        { kind: "email", to: ["ops@example.com"] },
      ],
    });
    expect(JSON.stringify(rule)).not.toContain(secret);
    const publish = await connect(device);
    const t0 = Date.now() - 10 * 60_000;
    const fill = (k: number, value: number) =>
      publish(message(`fill-${k}`, t0 + k * 60_000, [{ metric: "bin_fill_pet_pct", value }]));
    // Above the threshold for one minute, then for two (raised), then more readings while raised.
    for (const [k, value] of [
      [0, 91],
      [1, 95],
      [2, 97],
      [3, 99],
      [4, 70],
    ] as const)
      await fill(k, value);

    await until(async () => {
      const page = await api().alarms.list({ status: "open", ruleId: rule.id });
      return page.total === 1;
    }, "the alarm is active");
    await until(
      () => receiver.received.length >= 1 && emails.length >= 1,
      "the webhook and the email arrived",
    );

    const raised = receiver.received[0] as Received;
    expect(raised.headers["x-revolv-signature"]).toBe(hmac(raised.body, secret));
    const body = JSON.parse(raised.body) as AlarmWebhookBody;
    expect(body).toMatchObject({
      event: "alarm.raised",
      at: new Date(t0 + 2 * 60_000).toISOString(),
      rule: { id: rule.id, name: "PET bin full" },
      device: { id: device.id, site: "Depot 7" },
      alarm: { status: "active", severity: "major", value: 97 },
    });
    expect(raised.headers["idempotency-key"]).toBe(body.id);
    expect(emails[0]?.to).toEqual(["ops@example.com"]);
    expect(emails[0]?.data).toContain("PET bin full RAISED");

    // 70 % is inside the hysteresis band: still raised. Below 50 % clears it.
    await fill(5, 10);
    await until(
      async () => (await api().alarms.list({ status: "cleared", ruleId: rule.id })).total === 1,
      "the alarm cleared",
    );
    const eventOf = (received: Received) => (JSON.parse(received.body) as AlarmWebhookBody).event;
    await until(
      () => receiver.received.some((r) => eventOf(r) === "alarm.cleared") && emails.length >= 2,
      "the clear notifications arrived",
    );
    const cleared = receiver.received.find((r) => eventOf(r) === "alarm.cleared") as Received;
    expect(cleared.headers["x-revolv-signature"]).toBe(hmac(cleared.body, secret));
    expect(JSON.parse(cleared.body)).toMatchObject({ event: "alarm.cleared", alarm: { status: "cleared" } });

    // One delivery per transition and channel: two transitions, two webhooks, two emails, whatever the message count.
    await until(async () => {
      const log = await api().alarms.deliveries({ ruleId: rule.id });
      return log.total === 4 && log.items.every((d) => d.status === "delivered");
    }, "the delivery log shows four deliveries, each delivered");
    expect([...eventsByKey(receiver.received).values()]).toEqual(["alarm.raised", "alarm.cleared"]);
    // A retried attempt repeats the same body under its key, never a new one.
    const bodyOf = new Map(receiver.received.map((r) => [r.headers["idempotency-key"], r.body]));
    for (const r of receiver.received) expect(r.body).toBe(bodyOf.get(r.headers["idempotency-key"]));
    // Email has no idempotency key: a timed-out SMTP attempt may be sent again, never a third kind.
    expect(new Set(emails.map((email) => /PET bin full (RAISED|cleared)/.exec(email.data)?.[1]))).toEqual(
      new Set(["RAISED", "cleared"]),
    );
    const [alarm] = (await api().alarms.list({ ruleId: rule.id })).items;
    const transitions = await api().alarms.transitions({ id: alarm?.id as string });
    expect(transitions.map((t) => t.kind)).toEqual(["raised", "cleared"]);
  });

  it("a webhook answering 500 three times gets the delivery on the 4th try; one that never answers ends failed in the log, while ingestion goes on", async () => {
    const flaky = await startReceiver((attempt) => (attempt <= 3 ? 500 : 200));
    const silent = await startReceiver(() => null);
    receivers.push(flaky, silent);
    const device = await registerDevice(database.db, "rvm", { tags: ["retry"] });
    const rule = await api().alarms.rules.create({
      name: "Intake jammed",
      severity: "critical",
      scope: { tag: "retry" },
      condition: { kind: "state", metric: "jam", equals: 1, forSeconds: 0 },
      channels: [
        { kind: "webhook", url: flaky.url, secret },
        { kind: "webhook", url: silent.url, secret },
      ],
    });
    const publish = await connect(device);
    const t0 = Date.now() - 5 * 60_000;
    await publish(message("jam-1", t0, [{ metric: "jam", value: 1 }]));
    await until(() => flaky.received.length >= 4, "the flaky webhook was tried four times");
    const keys = new Set(flaky.received.map((r) => r.headers["idempotency-key"]));
    const bodies = new Set(flaky.received.map((r) => r.body));
    expect(keys.size).toBe(1);
    expect(bodies.size).toBe(1);

    // The hanging endpoint holds neither the worker nor the other deliveries: the jam clears.
    await publish(message("jam-2", t0 + 60_000, [{ metric: "jam", value: 0 }]));
    await until(
      async () => (await api().alarms.list({ status: "cleared", ruleId: rule.id })).total === 1,
      "the jam alarm cleared while a webhook hung",
    );

    const byTarget = async () => {
      const log = await api().alarms.deliveries({ ruleId: rule.id, pageSize: 50 });
      return log.items.filter((d) => d.transitionId === [...keys][0]);
    };
    await until(
      async () => (await byTarget()).every((d) => d.status !== "pending"),
      "both deliveries of the raise are settled",
    );
    const settled = await byTarget();
    expect(settled.find((d) => d.target === flaky.url)).toMatchObject({
      status: "delivered",
      attempts: 4,
      lastStatus: 200,
    });
    expect(settled.find((d) => d.target === silent.url)).toMatchObject({
      status: "failed",
      attempts: 4,
      lastStatus: null,
      lastError: "no answer within 1000 ms",
    });
  });

  it("a device silent for longer than the rule's minutes raises the offline alarm; a technician acknowledges it; its next message clears it", async () => {
    const receiver = await startReceiver(() => 200);
    receivers.push(receiver);
    const device = await registerDevice(database.db, "soundbox", { tags: ["silence"] });
    const rule = await api().alarms.rules.create({
      name: "Silent for 5 minutes",
      severity: "warning",
      scope: { tag: "silence" },
      condition: { kind: "offline", minutes: 5 },
      channels: [{ kind: "webhook", url: receiver.url, secret }],
    });
    const publish = await connect(device);
    await publish(message("hello", Date.now(), [{ metric: "battery_pct", value: 80 }]));
    await until(
      async () => (await api().devices.get({ id: device.id })).lastSeenAt !== null,
      "the device was seen",
    );

    // Judged as the worker's periodic check would be six minutes on.
    await runtime.evaluator.checkSilence(Date.now() + 6 * 60_000);
    const open = await api().alarms.list({ status: "open", ruleId: rule.id });
    expect(open.total).toBe(1);
    const alarm = open.items[0];
    expect(alarm).toMatchObject({ status: "active", severity: "warning", raisedValue: null });

    const technician = createCaller(
      createTRPCContext({
        services: { db: database.db, clickhouse: clickhouse.client },
        headers: new Headers(),
        principal: { userId: adminId, sessionId: randomUUID(), role: "technician" },
      }),
    );
    const ack = await technician.alarms.acknowledge({ ids: [alarm?.id as string], comment: "on my way" });
    expect(ack).toEqual({ changed: [alarm?.id], unchanged: [] });
    // Acknowledging again changes nothing (a bulk acknowledge may include it twice).
    expect(await technician.alarms.acknowledge({ ids: [alarm?.id as string] })).toEqual({
      changed: [],
      unchanged: [alarm?.id],
    });
    const [acked] = (await api().alarms.list({ ruleId: rule.id })).items;
    expect(acked).toMatchObject({ status: "acknowledged", acknowledgedBy: adminId, ackComment: "on my way" });

    const seenBefore = (await api().devices.get({ id: device.id })).lastSeenAt?.getTime() ?? 0;
    await publish(message("back", Date.now(), [{ metric: "battery_pct", value: 79 }]));
    await until(
      async () => ((await api().devices.get({ id: device.id })).lastSeenAt?.getTime() ?? 0) > seenBefore,
      "the device's next message was seen",
    );
    expect(await runtime.evaluator.checkSilence()).toBe(1);
    expect((await api().alarms.list({ status: "cleared", ruleId: rule.id })).total).toBe(1);
    const events = () => [...eventsByKey(receiver.received).values()];
    await until(() => events().length >= 3, "raised, acknowledged and cleared were delivered");
    expect(events()).toEqual(["alarm.raised", "alarm.acknowledged", "alarm.cleared"]);
    const transitions = await api().alarms.transitions({ id: alarm?.id as string });
    expect(transitions.map((t) => [t.kind, t.actorId, t.comment])).toEqual([
      ["raised", null, null],
      ["acknowledged", adminId, "on my way"],
      ["cleared", null, null],
    ]);
    const [row] = await database.db
      .select()
      .from(alarmTable)
      .where(eq(alarmTable.id, alarm?.id as string));
    expect(row?.status).toBe("cleared");
  });

  it("alarms.live streams every transition after the client's cursor, each with the open-alarm count", async () => {
    const stored = await database.db
      .select({ id: alarmTransitions.id })
      .from(alarmTransitions)
      .orderBy(asc(alarmTransitions.seq));
    expect(stored.length).toBeGreaterThan(0);
    const abort = new AbortController();
    const viewer = createCaller(
      createTRPCContext({
        services: { db: database.db, clickhouse: clickhouse.client },
        headers: new Headers(),
        principal: { userId: adminId, sessionId: randomUUID(), role: "viewer" },
      }),
      { signal: abort.signal },
    );
    const live = (await viewer.alarms.live({ lastEventId: "0" }))[Symbol.asyncIterator]();
    const seen: { cursor: string; event: AlarmLiveEvent }[] = [];
    try {
      while (seen.length < stored.length) {
        const result = await live.next();
        if (result.done) break;
        // Through a caller, events keep their tracked() envelope, [cursor, data, marker].
        const [cursor, event] = result.value as unknown as [string, AlarmLiveEvent];
        seen.push({ cursor, event });
      }
    } finally {
      abort.abort();
      await live.return?.().catch(() => undefined);
    }
    expect(seen.map((s) => s.event.transition.id)).toEqual(stored.map((t) => t.id));
    const cursors = seen.map((s) => Number(s.cursor));
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    expect(seen.every((s) => s.event.openCount === 0)).toBe(true);
  });
});
