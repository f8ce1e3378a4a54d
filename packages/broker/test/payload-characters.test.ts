import { createQueueClient, type QueueClient, type ReceivedMessage } from "@revolv/queue";
import { telemetryTopic } from "@revolv/validators";
import type { MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DeviceEdge, startDeviceEdge } from "../src/edge";
import { connectDevice, connected, insertDevice, openTestDatabase, type TestDevice } from "./harness";

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let edge: DeviceEdge;
let queue: QueueClient;
let device: TestDevice;
let client: MqttClient;
let dropped = false;

beforeAll(async () => {
  database = await openTestDatabase();
  device = await insertDevice(database.db);
  edge = await startDeviceEdge({
    db: database.db,
    // Telemetry alone: lifecycle-events.test.ts covers the connects and disconnects.
    lifecycleEvents: false,
    config: {
      mqtt: { port: 0, host: "127.0.0.1" },
      sqs: { kind: "emulator", port: 0, region: "us-east-1", maxReceiveCount: 5 },
    },
  });
  queue = createQueueClient({ endpoint: edge.sqs.endpoint, region: edge.sqs.region });
  client = connectDevice(edge.mqttPort, device);
  await connected(client);
  client.on("close", () => {
    dropped = true;
  });
});

afterAll(async () => {
  // Forced: a client the broker dropped would otherwise wait for its unacknowledged publishes.
  client?.end(true);
  await edge?.stopBroker();
  await queue?.close();
  await edge?.stopQueue();
  await database?.cleanup();
});

/** Publishes at QoS 1 and resolves on the PUBACK; a refused publish drops the connection instead. */
async function publishAcked(payload: Buffer, what: string, timeoutMs = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no PUBACK within ${timeoutMs} ms for ${what}`)), timeoutMs);
  });
  try {
    await Promise.race([client.publishAsync(telemetryTopic(device.id), payload, { qos: 1 }), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Receives (and deletes) until `expected` messages arrived, or fails naming the queue. */
async function takeMessages(queueUrl: string, expected: number, timeoutMs = 15_000) {
  const taken: ReceivedMessage[] = [];
  const deadline = Date.now() + timeoutMs;
  while (taken.length < expected) {
    if (Date.now() > deadline) throw new Error(`only ${taken.length} of ${expected} messages on ${queueUrl}`);
    const messages = await queue.receive(queueUrl, { waitTimeSeconds: 1, withAttributes: true });
    if (messages.length > 0)
      await queue.deleteBatch(
        queueUrl,
        messages.map((m) => m.receiptHandle),
      );
    taken.push(...messages);
  }
  return taken;
}

describe("characters in a device's payload", () => {
  it("forwards characters outside the BMP (an emoji) byte for byte, as SQS accepts them", async () => {
    const message = {
      v: 1,
      messageId: "m-emoji",
      deviceTime: "2026-11-25T06:00:00.000Z",
      readings: [{ metric: "firmware_version", value: "2.4.0-🍾" }],
    };
    await publishAcked(Buffer.from(JSON.stringify(message)), "a JSON payload with an emoji");
    await publishAcked(Buffer.from("not json 🍾 𝄞"), "a text payload with astral characters");

    const bodies = (await takeMessages(edge.sqs.queueUrl, 2)).map((m) => m.body);
    const json = bodies.find((b) => b.startsWith("{")) ?? "";
    const { receivedAt } = JSON.parse(json) as { receivedAt: number };
    expect(json).toBe(JSON.stringify({ ...message, deviceId: device.id, receivedAt }));
    expect(bodies).toContain("not json 🍾 𝄞");
    expect(dropped).toBe(false);
  });

  it("dead-letters what SQS refuses with its reason, acknowledges it and keeps the device connected", async () => {
    const payloads = {
      control: Buffer.from("temperature=21\u0000"),
      // The UTF-8-style bytes of U+D800, a lone surrogate: no valid text holds it.
      loneSurrogate: Buffer.concat([
        Buffer.from('{"v":1,"messageId":"m-surrogate","note":"'),
        Buffer.from([0xed, 0xa0, 0x80]),
        Buffer.from('"}'),
      ]),
      // Valid JSON and valid UTF-8, but U+FFFF is outside SQS's character set.
      nonCharacter: Buffer.from('{"v":1,"messageId":"m-ffff","note":"\uFFFF"}'),
    };
    for (const [what, payload] of Object.entries(payloads)) await publishAcked(payload, what);
    expect(dropped).toBe(false);
    expect(client.connected).toBe(true);

    const letters = await takeMessages(edge.sqs.deadLetterQueueUrl as string, 3);
    const byPayload = new Map(
      letters.map((letter) => {
        const body = JSON.parse(letter.body) as {
          base64OriginalPayload: string;
          topic: string;
          clientId: string;
        };
        expect(body).toMatchObject({ topic: telemetryTopic(device.id), clientId: device.id });
        return [body.base64OriginalPayload, letter.attributes];
      }),
    );
    expect(byPayload.get(payloads.control.toString("base64"))).toEqual({
      reason: "invalid_characters",
      detail: "U+0000 at character 14 of the body is not allowed in an SQS message",
    });
    expect(byPayload.get(payloads.loneSurrogate.toString("base64"))).toEqual({
      reason: "invalid_characters",
      detail: "the payload is not valid UTF-8 (an unpaired surrogate or a broken byte sequence)",
    });
    expect(byPayload.get(payloads.nonCharacter.toString("base64"))).toMatchObject({
      reason: "invalid_characters",
      detail: expect.stringMatching(/^U\+FFFF at character \d+ of the body/),
    });
    expect(edge.bridge.metrics.deadLettered.invalid_characters).toBe(3);
    // Nothing of them reached the telemetry queue, and the device can go on publishing.
    expect(await queue.attributes(edge.sqs.queueUrl, ["ApproximateNumberOfMessages"])).toEqual({
      ApproximateNumberOfMessages: "0",
    });
    await publishAcked(Buffer.from("after the refused ones"), "a publish after the dead letters");
    expect((await takeMessages(edge.sqs.queueUrl, 1)).map((m) => m.body)).toEqual(["after the refused ones"]);
  });
});
