import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import type { ClickHouseClient } from "@clickhouse/client";
import { generateDeviceCredential, hashDeviceCredential } from "@revolv/auth";
import { type Database, type DatabaseHandle, devices } from "@revolv/db";
import { openTestDatabase } from "@revolv/db/testing";
import { createQueueClient, type QueueClient } from "@revolv/queue";
import type { SqsEmulator } from "@revolv/queue/emulator";
import { createSqsClient } from "@revolv/queue/sdk-client";
import { type ClickHouseHandle, createClickHouse, migrateClickHouse, textMetrics } from "@revolv/telemetry";
import type { DeviceType, Reading, TelemetryMessage } from "@revolv/validators";

/** A fresh directory under the system temp dir, removed by `cleanup`. */
export function tempDir(name: string) {
  const dir = mkdtempSync(path.join(tmpdir(), `revolv-ingest-${name}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function openPglite(dir: string): Promise<DatabaseHandle> {
  return openTestDatabase(path.join(dir, "pglite"));
}

export async function openChdb(dir: string): Promise<ClickHouseHandle> {
  const handle = createClickHouse({ kind: "chdb", dataDir: path.join(dir, "chdb") });
  await migrateClickHouse(handle.client);
  return handle;
}

export interface RegisteredDevice {
  id: string;
  type: DeviceType;
  credential: string;
}

export async function registerDevice(
  db: Database,
  type: DeviceType,
  overrides: Partial<typeof devices.$inferInsert> = {},
): Promise<RegisteredDevice> {
  const credential = generateDeviceCredential();
  const [row] = await db
    .insert(devices)
    .values({
      type,
      serialNumber: `SN-${randomUUID().slice(0, 8)}`,
      name: `Test ${type}`,
      site: "Lab",
      credentialHash: hashDeviceCredential(credential),
      ...overrides,
    })
    .returning({ id: devices.id });
  if (!row) throw new Error("device not inserted");
  return { id: row.id, type, credential };
}

/** The AWS SDK, an independent peer: the tests' own sends and reads never share the worker's client. */
export const sqsClientFor = (emulator: Pick<SqsEmulator, "endpoint" | "region">): SQSClient =>
  createSqsClient({ endpoint: emulator.endpoint, region: emulator.region });

/** The client the worker itself runs on. */
export const queueClientFor = (emulator: Pick<SqsEmulator, "endpoint" | "region">): QueueClient =>
  createQueueClient({ endpoint: emulator.endpoint, region: emulator.region });

/** The body the IoT rule (or the bridge) puts on the queue for one device message. */
export function ruleBody(deviceId: string, message: TelemetryMessage, receivedAt = Date.now()): string {
  return JSON.stringify({ ...message, deviceId, receivedAt });
}

export function message(messageId: string, at: number, readings: Reading[]): TelemetryMessage {
  return { v: 1, messageId, deviceTime: new Date(at).toISOString(), readings };
}

/** Sends raw bodies, 10 per SendMessageBatch, failing on any refused entry. */
export async function sendBodies(sqs: SQSClient, queueUrl: string, bodies: string[]): Promise<void> {
  for (let i = 0; i < bodies.length; i += 10) {
    const chunk = bodies.slice(i, i + 10);
    const out = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: chunk.map((body, j) => ({ Id: String(j), MessageBody: body })),
      }),
    );
    if (out.Failed?.length) throw new Error(`SQS refused: ${JSON.stringify(out.Failed)}`);
  }
}

/** Visible and in-flight messages of a queue. */
export async function queueDepth(sqs: SQSClient, queueUrl: string) {
  const out = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    }),
  );
  const visible = Number(out.Attributes?.ApproximateNumberOfMessages ?? 0);
  const inFlight = Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
  return { visible, inFlight, total: visible + inFlight };
}

/** Receives (and keeps invisible) up to `expected` messages with their attributes. */
export async function receiveAll(sqs: SQSClient, queueUrl: string, expected: number, deadlineMs = 30_000) {
  const messages: Message[] = [];
  const deadline = Date.now() + deadlineMs;
  while (messages.length < expected && Date.now() < deadline) {
    const out = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ["All"],
        VisibilityTimeout: 300,
      }),
    );
    messages.push(...(out.Messages ?? []));
  }
  return messages;
}

/** Waits for a condition with a generous deadline; never a statement about how fast. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  deadlineMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface StoredCounts {
  /** Raw rows, and distinct (device, message, metric, time) among them: equal when nothing doubled. */
  rows: number;
  distinctRows: number;
  messages: number;
  /** Readings the minute and hour rollups counted. */
  minuteCount: number;
  hourCount: number;
}

/** Readings a rollup projection counted (numeric metrics only, as the rollups take them). */
const rollupCount = (bucket: string, projection: string, where: string) =>
  `SELECT sum(c) FROM (
     SELECT device_id, metric, ${bucket}, count() AS c FROM telemetry_readings
     ${where ? `${where} AND` : "WHERE"} metric NOT IN (${textMetrics.map((m) => `'${m}'`).join(",")})
     GROUP BY device_id, metric, ${bucket}
   ) SETTINGS force_optimize_projection_name = '${projection}'`;

/** What ClickHouse holds, optionally for some devices only. */
export async function storedCounts(client: ClickHouseClient, deviceIds?: string[]): Promise<StoredCounts> {
  const where = deviceIds ? `WHERE device_id IN (${deviceIds.map((id) => `'${id}'`).join(",")})` : "";
  const one = async (query: string) =>
    Number(
      (
        await client.query({ query, format: "JSONCompactEachRow" }).then((r) => r.json<[string | number]>())
      )[0]?.[0] ?? 0,
    );
  const rows = await one(`SELECT count() FROM telemetry_readings ${where}`);
  // Nothing stored: ClickHouse prunes every part before it would read a projection, and then
  // refuses the forced projection as unused. The rollups of nothing count nothing.
  if (rows === 0) return { rows, distinctRows: 0, messages: 0, minuteCount: 0, hourCount: 0 };
  return {
    rows,
    distinctRows: await one(
      `SELECT count() FROM (SELECT DISTINCT device_id, message_id, metric, at FROM telemetry_readings ${where})`,
    ),
    messages: await one(
      `SELECT count() FROM (SELECT DISTINCT device_id, message_id FROM telemetry_readings ${where})`,
    ),
    // As the dashboard reads them: through the rollup projections inside the raw parts.
    minuteCount: await one(rollupCount("toStartOfMinute(at)", "minute_rollup", where)),
    hourCount: await one(rollupCount("toStartOfHour(at)", "hour_rollup", where)),
  };
}

/** Message ids stored per device, each with how many raw rows it has. */
export async function storedMessageRows(client: ClickHouseClient): Promise<Map<string, number>> {
  const rows = await client
    .query({
      query: "SELECT toString(device_id), message_id, count() FROM telemetry_readings GROUP BY 1, 2",
      format: "JSONCompactEachRow",
    })
    .then((r) => r.json<[string, string, string]>());
  return new Map(rows.map(([deviceId, messageId, n]) => [`${deviceId}|${messageId}`, Number(n)]));
}
