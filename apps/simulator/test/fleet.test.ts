import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateDeviceCredential, hashDeviceCredential } from "@revolv/auth";
import { type DeviceEdge, startDeviceEdge } from "@revolv/broker";
import { type DatabaseHandle, devices } from "@revolv/db";
import { openTestDatabase } from "@revolv/db/testing";
import { createQueueClient } from "@revolv/queue";
import { metricCatalog, sqsTelemetryBodySchema } from "@revolv/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FleetDevice, startFleet } from "../src/fleet/fleet";

describe("a simulated fleet publishing through the device edge", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "revolv-sim-fleet-"));
  let database: DatabaseHandle;
  let edge: DeviceEdge;
  const fleet: FleetDevice[] = [];

  beforeAll(async () => {
    database = await openTestDatabase(dir);
    for (const [i, type] of (["rvm", "soundbox", "rvm"] as const).entries()) {
      const credential = generateDeviceCredential();
      const [row] = await database.db
        .insert(devices)
        .values({
          type,
          serialNumber: `FLEET-${i}`,
          name: "Fleet test",
          site: "Lab",
          credentialHash: hashDeviceCredential(credential),
        })
        .returning({ id: devices.id });
      fleet.push({ id: row?.id as string, type, credential });
    }
    edge = await startDeviceEdge({
      db: database.db,
      // The queue holds telemetry alone here; the worker's tests cover the lifecycle events.
      lifecycleEvents: false,
      config: {
        mqtt: { port: 0, host: "127.0.0.1" },
        sqs: { kind: "emulator", port: 0, region: "us-east-1", maxReceiveCount: 5 },
      },
    });
  });
  afterAll(async () => {
    await edge?.stopBroker();
    await edge?.stopQueue();
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("publishes valid, drifting messages at its rate, each device as itself, every one acknowledged", async () => {
    const acked: string[] = [];
    const running = startFleet({
      mqttUrl: `mqtt://127.0.0.1:${edge.mqttPort}`,
      devices: fleet,
      ratePerDevice: 10,
      runId: "fleet-test",
      onAcked: (device, message) => acked.push(`${device.id}|${message.messageId}`),
    });
    await running.ready;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await running.stop();
    const { stats } = running;
    // About 1.5 s × 10/s × 3 devices; loose bounds, the machine is shared.
    expect(stats.published).toBeGreaterThan(15);
    expect(stats.acked).toBe(stats.published);
    expect(stats.failed).toBe(0);
    expect(acked).toHaveLength(stats.acked);

    const queue = createQueueClient({ endpoint: edge.sqs.endpoint, region: edge.sqs.region });
    const bodies: unknown[] = [];
    while (bodies.length < stats.acked) {
      const messages = await queue.receive(edge.sqs.queueUrl, { waitTimeSeconds: 1 });
      if (messages.length === 0) break;
      bodies.push(...messages.map((m) => JSON.parse(m.body)));
    }
    await queue.close();
    expect(bodies).toHaveLength(stats.acked);
    const typeOf = new Map(fleet.map((d) => [d.id, d.type]));
    const perDevice = new Map<string, number[]>();
    for (const raw of bodies) {
      const body = sqsTelemetryBodySchema.parse(raw);
      expect(acked).toContain(`${body.deviceId}|${body.messageId}`);
      // Every reading belongs to the publishing device's own type.
      for (const reading of body.readings)
        expect(metricCatalog[reading.metric].deviceType).toBe(typeOf.get(body.deviceId));
      const battery = body.readings.find((r) => r.metric === "battery_pct" || r.metric === "temperature_c");
      if (battery)
        perDevice.set(body.deviceId, [...(perDevice.get(body.deviceId) ?? []), battery.value as number]);
    }
    // Each device published and its gauges move between messages rather than repeat.
    expect(perDevice.size).toBe(fleet.length);
    for (const values of perDevice.values()) expect(new Set(values).size).toBeGreaterThan(1);
  });

  it("--scenario silence: a device publishes 5 messages, then nothing, and stays connected", async () => {
    const running = startFleet({
      mqttUrl: `mqtt://127.0.0.1:${edge.mqttPort}`,
      devices: [fleet[1] as FleetDevice],
      ratePerDevice: 20,
      runId: "silence",
      scenario: "silence",
    });
    await running.ready;
    const deadline = Date.now() + 30_000;
    while (running.stats.silent === 0) {
      if (Date.now() > deadline) throw new Error("timed out waiting until the device fell silent");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(running.stats).toMatchObject({ published: 5, silent: 1, connected: 1 });
    await running.stop();
    expect(running.stats.acked).toBe(5);
    // Drain what it sent, so the queue is as the next test expects.
    const queue = createQueueClient({ endpoint: edge.sqs.endpoint, region: edge.sqs.region });
    let drained = 0;
    while (drained < 5) {
      const messages = await queue.receive(edge.sqs.queueUrl, { waitTimeSeconds: 1 });
      if (messages.length === 0) break;
      drained += messages.length;
      await queue.deleteBatch(
        edge.sqs.queueUrl,
        messages.map((m) => m.receiptHandle),
      );
    }
    await queue.close();
    expect(drained).toBe(5);
  });

  it("cannot connect a device with a wrong credential, and publishes nothing for it", async () => {
    const impostor = { ...(fleet[0] as FleetDevice), credential: generateDeviceCredential() };
    const running = startFleet({
      mqttUrl: `mqtt://127.0.0.1:${edge.mqttPort}`,
      devices: [impostor],
      ratePerDevice: 10,
      runId: "impostor",
    });
    await running.ready;
    await new Promise((resolve) => setTimeout(resolve, 500));
    await running.stop();
    expect(running.stats).toMatchObject({ published: 0, acked: 0 });
  });
});
