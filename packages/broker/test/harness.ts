import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { generateDeviceCredential, hashDeviceCredential } from "@revolv/auth";
import { type DatabaseHandle, devices } from "@revolv/db";
import { openTestDatabase as openMigratedDatabase } from "@revolv/db/testing";
import mqtt, { type IClientOptions, type MqttClient } from "mqtt";

export interface TestDevice {
  id: string;
  credential: string;
}

export async function openTestDatabase(): Promise<DatabaseHandle & { cleanup(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), "revolv-broker-"));
  const handle = await openMigratedDatabase(dir);
  return {
    ...handle,
    async cleanup() {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function insertDevice(
  db: DatabaseHandle["db"],
  overrides: Partial<typeof devices.$inferInsert> = {},
): Promise<TestDevice> {
  const credential = generateDeviceCredential();
  const [row] = await db
    .insert(devices)
    .values({
      type: "rvm",
      serialNumber: `SN-${Math.random().toString(36).slice(2)}`,
      name: "Test RVM",
      site: "Lab",
      credentialHash: hashDeviceCredential(credential),
      ...overrides,
    })
    .returning({ id: devices.id });
  if (!row) throw new Error("device not inserted");
  return { id: row.id, credential };
}

export function connectDevice(port: number, device: TestDevice, options: IClientOptions = {}): MqttClient {
  return mqtt.connect(`mqtt://127.0.0.1:${port}`, {
    clientId: device.id,
    username: device.id,
    password: device.credential,
    reconnectPeriod: 0,
    ...options,
  });
}

/** Resolves on CONNACK success, rejects with the broker's refusal. */
export function connected(client: MqttClient): Promise<void> {
  return new Promise((resolve, reject) => {
    client.once("connect", () => resolve());
    client.once("error", reject);
  });
}

/** Resolves once the socket closes (the broker dropped the device). */
export function closed(client: MqttClient): Promise<void> {
  return new Promise((resolve) => client.once("close", () => resolve()));
}

export async function receiveAll(sqs: SQSClient, queueUrl: string, expected: number, timeoutMs = 15_000) {
  const bodies: string[] = [];
  const deadline = Date.now() + timeoutMs;
  while (bodies.length < expected && Date.now() < deadline) {
    const result = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    for (const message of result.Messages ?? []) bodies.push(message.Body ?? "");
  }
  return bodies;
}
