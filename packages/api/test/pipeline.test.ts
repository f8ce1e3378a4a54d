import { auditEvents, devices } from "@revolv/db";
import { Registry, tallyGauge } from "@revolv/observability/metrics";
import { createQueueClient, type QueueClient } from "@revolv/queue";
import { type SqsEmulator, startSqsEmulator } from "@revolv/queue/emulator";
import {
  type DeadLetter,
  type PipelineStatus,
  sqsTelemetryBodySchema,
  telemetryTopic,
} from "@revolv/validators";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConnectedDevices } from "../src/pipeline/fleet-figures";
import { type PipelineQueueRole, pipelineSqsAccess } from "../src/pipeline/sqs-access";
import type { Services } from "../src/services";
import { type ApiStack, openApiStack } from "./api-stack";
import { createHttpCaller } from "./http-requests";

type Page = {
  items: DeadLetter[];
  total: number;
  pageCount: number;
  reasons: { reason: string; count: number }[];
};
type ActionResult = {
  count: number;
  notFound: string[];
  failed: number;
  refused: { messageId: string; reason: string }[];
  more: boolean;
};

/**
 * The pipeline procedures over the real SQS emulator (fauxqs, with the telemetry queue and its
 * dead-letter queue as the stack creates them) and real Postgres (the audit trail) and chDB.
 */
describe("the pipeline API: dead letters listed, redriven and purged on a real queue", () => {
  let stack: ApiStack;
  let emulator: SqsEmulator;
  let queue: QueueClient;
  let services: Services;
  let http: ReturnType<typeof createHttpCaller>;

  beforeAll(async () => {
    stack = await openApiStack("pipeline");
    emulator = await startSqsEmulator({ port: 0 });
    queue = createQueueClient({ endpoint: emulator.endpoint, region: emulator.region, maxAttempts: 1 });
    services = {
      ...stack.services,
      queues: {
        client: queue,
        queueUrl: emulator.queueUrl,
        deadLetterQueueUrl: async () => emulator.deadLetterQueueUrl,
      },
    };
    http = createHttpCaller(services, () => {});
  });
  afterAll(async () => {
    await queue?.close();
    await emulator?.stop();
    await stack?.close();
  });

  /** Dead letters as the worker writes them: the body unchanged, why in attributes. */
  async function deadLetter(reason: string, bodies: string[]): Promise<void> {
    const refused = await queue.sendBatch(
      emulator.deadLetterQueueUrl,
      bodies.map((body) => ({ body, attributes: { reason, detail: `${reason} detail` } })),
    );
    expect(refused).toEqual([]);
  }

  const list = async (role: "admin" | "supervisor", query = "") => {
    const response = await http.rest("GET", `/pipeline/dead-letters${query}`, undefined, {
      authorization: await stack.bearer(role),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Page;
  };

  const depth = async (url: string) => {
    const a = await queue.attributes(url, [
      "ApproximateNumberOfMessages",
      "ApproximateNumberOfMessagesNotVisible",
    ]);
    return {
      visible: Number(a.ApproximateNumberOfMessages),
      inFlight: Number(a.ApproximateNumberOfMessagesNotVisible),
    };
  };

  const lastAudit = async (action: string) => {
    const [row] = await stack.services.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action)))
      .orderBy(desc(auditEvents.createdAt))
      .limit(1);
    return row;
  };

  async function drain(url: string): Promise<string[]> {
    const bodies: string[] = [];
    for (;;) {
      const got = await queue.receive(url, { waitTimeSeconds: 0, maxMessages: 10 });
      if (got.length === 0) return bodies;
      bodies.push(...got.map((m) => m.body));
      await queue.deleteBatch(
        url,
        got.map((m) => m.receiptHandle),
      );
    }
  }

  it("lists dead letters with reason, device and time, paged, and leaves every one on the queue", async () => {
    const device = "0b7f1c1e-3c1a-4b53-9d54-8a1f6d1e2a01";
    await stack.services.db.insert(devices).values({
      id: device,
      type: "rvm",
      serialNumber: "DL-1",
      name: "Lobby RVM",
      site: "Depot",
      credentialHash: "x",
    });
    await deadLetter("unknown_device", [JSON.stringify({ deviceId: device.toUpperCase(), readings: [] })]);
    await deadLetter("invalid_json", ["{not json", "also not json"]);

    const first = await list("admin", "?pageSize=2");
    expect(first.total).toBe(3);
    expect(first.pageCount).toBe(2);
    expect(first.items).toHaveLength(2);
    expect(first.reasons).toEqual([
      { reason: "invalid_json", count: 2 },
      { reason: "unknown_device", count: 1 },
    ]);
    const second = await list("admin", "?pageSize=2&page=2");
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((l) => l.messageId)).size).toBe(3);
    const unknown = all.find((l) => l.reason === "unknown_device");
    expect(unknown).toMatchObject({
      deviceId: device.toUpperCase(),
      // Looked up in the registry, whatever the case of the id in the body.
      deviceName: "Lobby RVM",
      detail: "unknown_device detail",
      bodyTruncated: false,
    });
    expect(Number.isNaN(Date.parse(String(unknown?.deadLetteredAt)))).toBe(false);
    expect(all.filter((l) => l.reason === "invalid_json").map((l) => l.deviceName)).toEqual([null, null]);

    // Reading is not consuming: all three are still there, visible to the next reader.
    expect(await depth(emulator.deadLetterQueueUrl)).toEqual({ visible: 3, inFlight: 0 });
    expect((await list("supervisor", "?reason=invalid_json")).total).toBe(2);
    await drain(emulator.deadLetterQueueUrl);
  });

  it("redrives the chosen dead letter back to the telemetry queue unchanged, and audits who, what and how many", async () => {
    const fixed = JSON.stringify({ deviceId: "0b7f1c1e-3c1a-4b53-9d54-8a1f6d1e2a02", readings: [] });
    await deadLetter("unknown_device", [fixed, "{left alone"]);
    const page = await list("admin");
    const chosen = page.items.find((l) => l.body === fixed)?.messageId as string;

    const response = await http.rest(
      "POST",
      "/pipeline/dead-letters/redrive",
      { messageIds: [chosen, "no-such-message"] },
      { authorization: await stack.bearer("admin") },
    );
    expect(response.status).toBe(200);
    expect((await response.json()) as ActionResult).toEqual({
      count: 1,
      failed: 0,
      refused: [],
      notFound: ["no-such-message"],
      more: false,
    });
    expect(await drain(emulator.queueUrl)).toEqual([fixed]);
    expect(await depth(emulator.deadLetterQueueUrl)).toEqual({ visible: 1, inFlight: 0 });

    const audit = await lastAudit("dead_letters.redrive");
    expect(audit).toMatchObject({
      actorId: stack.userIds.admin,
      targetType: "dead_letter_queue",
      targetId: "revolv-telemetry-dlq",
      after: { selection: "chosen", count: 1, failed: 0, notFound: 1, messageIds: [chosen] },
    });
    expect(audit?.requestId).toBeTruthy();
    await drain(emulator.deadLetterQueueUrl);
  });

  it("redrives a rule error action's dead letter as the rule's body of its original payload, and keeps one SQS cannot carry with its reason", async () => {
    const deviceId = "0b7f1c1e-3c1a-4b53-9d54-8a1f6d1e2a03";
    const payload = {
      v: 1,
      messageId: "m-redriven",
      deviceTime: "2026-11-25T06:00:00.000Z",
      readings: [{ metric: "temperature_c", value: 20.5 }],
    };
    // What AWS IoT Core's rule error action (and the embedded bridge) writes.
    const wrapper = (original: string) =>
      JSON.stringify({
        ruleName: "telemetry",
        topic: telemetryTopic(deviceId),
        clientId: deviceId,
        base64OriginalPayload: Buffer.from(original).toString("base64"),
        failures: [
          { failedAction: "SqsAction", failedResource: "revolv-telemetry", errorMessage: "refused" },
        ],
      });
    await deadLetter("refused_by_queue", [wrapper(JSON.stringify(payload))]);
    // U+FFFF is valid JSON and UTF-8, and outside SQS's character set: the bridge's invalid_characters.
    await deadLetter("invalid_characters", [wrapper(JSON.stringify({ ...payload, note: "a\uFFFFb" }))]);
    const page = await list("admin");
    const [good, bad] = ["refused_by_queue", "invalid_characters"].map(
      (reason) => page.items.find((l) => l.reason === reason)?.messageId as string,
    );

    const response = await http.rest(
      "POST",
      "/pipeline/dead-letters/redrive",
      { messageIds: [good, bad] },
      { authorization: await stack.bearer("admin") },
    );
    expect(response.status).toBe(200);
    const result = (await response.json()) as ActionResult;
    expect(result).toMatchObject({ count: 1, failed: 0, notFound: [] });
    expect(result.refused).toEqual([
      { messageId: bad, reason: expect.stringContaining("U+FFFF at character") },
    ]);

    // What the worker reads: the payload's fields plus the rule's deviceId and receivedAt.
    const [redriven, ...others] = await drain(emulator.queueUrl);
    expect(others).toEqual([]);
    const body = sqsTelemetryBodySchema.parse(JSON.parse(redriven as string));
    expect(body).toMatchObject({ ...payload, deviceId });
    expect(body.receivedAt).toBeGreaterThan(0);
    // The refused one stays, visible, for a purge once the device is fixed.
    expect(await depth(emulator.deadLetterQueueUrl)).toEqual({ visible: 1, inFlight: 0 });
    expect((await list("admin")).items.map((l) => l.messageId)).toEqual([bad]);
    expect(await lastAudit("dead_letters.redrive")).toMatchObject({
      after: { count: 1, refused: 1, messageIds: [good] },
    });
    await drain(emulator.deadLetterQueueUrl);
  });

  it("redrives large dead letters whose bodies together exceed SQS's batch limit, each under the message limit, in batches SQS takes", async () => {
    // Three of 450 kB: any two fit one SendMessageBatch (1 MiB in all), three do not.
    const bodies = ["a", "b", "c"].map((fill) =>
      JSON.stringify({ deviceId: `large-${fill}`, padding: fill.repeat(450_000) }),
    );
    for (const body of bodies) await deadLetter("large_letter", [body]);

    const response = await http.rest(
      "POST",
      "/pipeline/dead-letters/redrive",
      { all: true, reason: "large_letter" },
      { authorization: await stack.bearer("admin") },
    );
    expect(response.status).toBe(200);
    expect((await response.json()) as ActionResult).toMatchObject({ count: 3, failed: 0, refused: [] });
    expect((await drain(emulator.queueUrl)).sort()).toEqual(bodies);
    expect(await depth(emulator.deadLetterQueueUrl)).toEqual({ visible: 0, inFlight: 0 });
  });

  it("purges all dead letters of one reason over tRPC, keeps the others, and audits the count", async () => {
    await deadLetter("invalid_json", ["{a", "{b", "{c"]);
    await deadLetter("unknown_device", ['{"deviceId":"x"}']);

    const response = await http.trpcMutation(
      "pipeline.purge",
      { all: true, reason: "invalid_json" },
      { authorization: await stack.bearer("admin") },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { data: { json: ActionResult } } };
    expect(body.result.data.json).toMatchObject({ count: 3, failed: 0, notFound: [] });
    expect((await list("admin")).reasons).toEqual([{ reason: "unknown_device", count: 1 }]);
    expect(await lastAudit("dead_letters.purge")).toMatchObject({
      actorId: stack.userIds.admin,
      after: { selection: "all", reason: "invalid_json", count: 3 },
    });
    await drain(emulator.deadLetterQueueUrl);
  });

  it("refuses redrive and purge to a role without system:manage (403, FORBIDDEN), and the list to one without system:read", async () => {
    await deadLetter("invalid_json", ["{kept"]);
    const before = await stack.services.db.select({ id: auditEvents.id }).from(auditEvents);
    const supervisor = await stack.bearer("supervisor");

    const rest = await http.rest(
      "POST",
      "/pipeline/dead-letters/purge",
      { all: true },
      { authorization: supervisor },
    );
    expect(rest.status).toBe(403);
    const trpc = await http.trpcMutation("pipeline.redrive", { all: true }, { authorization: supervisor });
    expect(trpc.status).toBe(403);
    expect(
      ((await trpc.json()) as { error: { json: { data: { code: string } } } }).error.json.data.code,
    ).toBe("FORBIDDEN");
    const viewerList = await http.rest("GET", "/pipeline/dead-letters", undefined, {
      authorization: await stack.bearer("viewer"),
    });
    expect(viewerList.status).toBe(403);
    const technicianStatus = await http.rest("GET", "/pipeline/status", undefined, {
      authorization: await stack.bearer("technician"),
    });
    expect(technicianStatus.status).toBe(403);

    // Nothing moved, nothing audited.
    expect(await depth(emulator.deadLetterQueueUrl)).toEqual({ visible: 1, inFlight: 0 });
    expect(await stack.services.db.select({ id: auditEvents.id }).from(auditEvents)).toHaveLength(
      before.length,
    );
    await drain(emulator.deadLetterQueueUrl);
  });

  it("reports queue depths from SQS, the stored flow from ClickHouse, and why the worker's figures are not here", async () => {
    await deadLetter("invalid_json", ["{one", "{two"]);
    await queue.sendBatch(emulator.queueUrl, [{ body: "{}" }]);
    const response = await http.rest("GET", "/pipeline/status", undefined, {
      authorization: await stack.bearer("supervisor"),
    });
    expect(response.status).toBe(200);
    const status = (await response.json()) as PipelineStatus;
    expect(status.queue).toEqual({ available: true, visible: 1, inFlight: 0 });
    expect(status.deadLetterQueue).toEqual({ available: true, visible: 2, inFlight: 0 });
    expect(status.stored).toMatchObject({ available: true, lagSeconds: null, lastStoredAt: null });
    expect(status.stored.available && status.stored.perMinute).toHaveLength(60);
    // No worker runs in this process: the answer says where its figures are instead of zeros.
    expect(status.worker).toMatchObject({
      available: false,
      reason: expect.stringContaining("INGEST_METRICS_PORT"),
    });
    // Nor a broker: connected devices and worker instances say why, never a made-up zero.
    expect(status.devices).toMatchObject({
      available: false,
      reason: expect.stringContaining("mqtt_broker_connected_devices"),
    });
    expect(status.workerInstances).toMatchObject({
      available: false,
      reason: expect.stringContaining('up{job="revolv-ingest"}'),
    });
    await drain(emulator.deadLetterQueueUrl);
    await drain(emulator.queueUrl);
  });

  it("reads connected devices from the broker's gauge where the broker registers it in the registry", async () => {
    const registry = new Registry();
    const broker = { connected: 3 };
    const remove = tallyGauge({ name: "mqtt_broker_connected_devices", help: "now" }, registry).add(
      () => broker.connected,
    );
    expect(await readConnectedDevices(registry)).toEqual({ available: true, connected: 3 });
    broker.connected = 1;
    expect(await readConnectedDevices(registry)).toEqual({ available: true, connected: 1 });
    remove();
    expect(await readConnectedDevices(registry)).toEqual({ available: true, connected: 0 });
  });

  it("calls SQS with exactly the actions per queue that the web task's role grants (pipelineSqsAccess)", async () => {
    // The real client, with each call noted as the IAM action it needs and the queue it names.
    const actionOf: Record<string, string> = {
      attributes: "sqs:GetQueueAttributes",
      receive: "sqs:ReceiveMessage",
      changeVisibilityBatch: "sqs:ChangeMessageVisibility",
      deleteBatch: "sqs:DeleteMessage",
      sendBatch: "sqs:SendMessage",
    };
    const called: Record<PipelineQueueRole, Set<string>> = { queue: new Set(), deadLetterQueue: new Set() };
    const recording = new Proxy(queue, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== "function" || property === "close") return value;
        return (url: string, ...rest: unknown[]) => {
          const role = url === emulator.queueUrl ? "queue" : "deadLetterQueue";
          called[role].add(actionOf[String(property)] ?? `${String(property)} (no IAM action known)`);
          return value.call(target, url, ...rest);
        };
      },
    });
    const recorded = createHttpCaller(
      { ...services, queues: { ...(services.queues as NonNullable<Services["queues"]>), client: recording } },
      () => {},
    );
    const authorization = await stack.bearer("admin");
    await deadLetter("unknown_device", ['{"redrive":"me"}', '{"purge":"me"}']);
    expect((await recorded.rest("GET", "/pipeline/status", undefined, { authorization })).status).toBe(200);
    const page = await list("admin");
    const idOf = (body: string) => page.items.find((l) => l.body === body)?.messageId as string;
    for (const [action, body] of [
      ["redrive", '{"redrive":"me"}'],
      ["purge", '{"purge":"me"}'],
    ] as const) {
      const response = await recorded.rest(
        "POST",
        `/pipeline/dead-letters/${action}`,
        { messageIds: [idOf(body)] },
        { authorization },
      );
      expect(((await response.json()) as ActionResult).count).toBe(1);
    }
    await recorded.rest("GET", "/pipeline/dead-letters", undefined, { authorization });

    expect({ queue: [...called.queue].sort(), deadLetterQueue: [...called.deadLetterQueue].sort() }).toEqual({
      queue: [...pipelineSqsAccess.actions.queue].sort(),
      deadLetterQueue: [...pipelineSqsAccess.actions.deadLetterQueue].sort(),
    });
    await drain(emulator.queueUrl);
  });

  it("says the queue is not configured (412) where the app is given none, and still reports the rest", async () => {
    const bare = createHttpCaller(stack.services, () => {});
    const authorization = await stack.bearer("admin");
    const listing = await bare.rest("GET", "/pipeline/dead-letters", undefined, { authorization });
    expect(listing.status).toBe(412);
    expect(((await listing.json()) as { message: string }).message).toContain("SQS_QUEUE_URL");
    const status = (await (
      await bare.rest("GET", "/pipeline/status", undefined, { authorization })
    ).json()) as PipelineStatus;
    expect(status.queue).toMatchObject({
      available: false,
      reason: expect.stringContaining("SQS_QUEUE_URL"),
    });
    expect(status.stored.available).toBe(true);
  });
});
