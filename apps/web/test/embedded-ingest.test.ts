import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import mqtt from "mqtt";
import { afterAll, describe, expect, it } from "vitest";
import { startServer } from "./start-server";

const adminPassword = "embedded ingest test password";

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

describe("the ingest worker inside the embedded stack", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-stack-ingest-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  // Starts a dev server (up to 120 s to "ready" on a loaded machine, see start-server.ts) and then
  // waits on the pipeline step by step.
  it("stores a device's MQTT publish in chDB within the one process, readable through the API, and stops cleanly", {
    timeout: 240_000,
  }, async () => {
    const server = await startServer({
      DATA_DIR: dataDir,
      ADMIN_PASSWORD: adminPassword,
      INGEST_CONSUMERS: "2",
      INGEST_FLUSH_INTERVAL_MS: "100",
    });
    let stopped = false;
    try {
      const mqttPort = server.mqttPort();
      expect(mqttPort).toBeGreaterThan(0);
      expect(server.output()).toContain("ingest: worker consuming");
      // The embedded queues are persisted beside the other engines' data.
      expect(server.output()).toContain(`queues kept in ${path.join(dataDir, "sqs")}`);

      const { token } = await json<{ token: string }>(
        await fetch(`${server.url}/api/v1/auth/token`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ login: "admin@revolv.local", password: adminPassword }),
        }),
      );
      const authorization = `Bearer ${token}`;
      const { device, credential } = await json<{ device: { id: string }; credential: string }>(
        await fetch(`${server.url}/api/v1/devices`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization },
          body: JSON.stringify({ type: "rvm", serialNumber: "RVM-STACK-1", name: "Stack RVM", site: "Lab" }),
        }),
      );

      const at = new Date(Date.now() - 1_000).toISOString();
      const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
        clientId: device.id,
        username: device.id,
        password: credential,
        reconnectPeriod: 0,
      });
      await client.publishAsync(
        `devices/${device.id}/telemetry`,
        JSON.stringify({
          v: 1,
          messageId: "stack-1",
          deviceTime: at,
          readings: [
            { metric: "temperature_c", value: 19.25 },
            { metric: "bin_fill_glass_pct", value: 33 },
          ],
        }),
        { qos: 1 },
      );
      await client.endAsync();

      let readings: { metric: string; value: number; at: string }[] = [];
      const deadline = Date.now() + 60_000;
      while (readings.length < 2 && Date.now() < deadline) {
        ({ readings } = await json<{ readings: typeof readings }>(
          await fetch(`${server.url}/api/v1/devices/${device.id}/telemetry/latest`, {
            headers: { authorization },
          }),
        ));
        if (readings.length < 2) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(readings.map(({ metric, value, at }) => ({ metric, value, at }))).toEqual([
        { metric: "bin_fill_glass_pct", value: 33, at },
        { metric: "temperature_c", value: 19.25, at },
      ]);

      stopped = true;
      expect(await server.stop()).toBe(0);
      expect(server.output()).toMatch(/ingest: stopped: 1 message\(s\) inserted/);
    } finally {
      if (!stopped) await server.stop();
    }
  });
});
