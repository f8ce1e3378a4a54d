import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  dashboardQueries,
  exportedMetricNames,
  findPromtool,
  metricNamesIn,
  promtool,
  ruleQueries,
  samplesOf,
  scrapeSeries,
} from "@revolv/observability-checks";
import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "./start-server";

const adminPassword = "embedded metrics test password";
const metricsToken = "metrics-token-for-the-test-0123456789";
const messages = 12;
const readingsPerMessage = 3;

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, ms = 90_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}; last seen: ${String(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const sum = (samples: Map<string, number>, labels = "") =>
  [...samples].filter(([key]) => key.includes(labels)).reduce((total, [, value]) => total + value, 0);

describe("the embedded stack's metrics after simulated traffic", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-stack-metrics-"));
  let server: RunningServer;
  let scrape = "";
  const scrapeNow = async () => {
    scrape = await (
      await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })
    ).text();
    return scrape;
  };

  beforeAll(async () => {
    server = await startServer({
      DATA_DIR: dataDir,
      ADMIN_PASSWORD: adminPassword,
      METRICS_TOKEN: metricsToken,
      INGEST_CONSUMERS: "2",
      INGEST_FLUSH_INTERVAL_MS: "100",
    });
    const mqttPort = server.mqttPort();

    // Traffic: a failed sign-in, a call without a session, a device that publishes, a publish on
    // another device's topic.
    expect(
      (await fetch(`${server.url}/api/v1/auth/token`, post({ login: "admin", password: "wrong!" }))).status,
    ).toBe(401);
    expect((await fetch(`${server.url}/api/trpc/devices.list`)).status).toBe(401);
    const { token } = await json<{ token: string }>(
      await fetch(`${server.url}/api/v1/auth/token`, post({ login: "admin", password: adminPassword })),
    );
    const authorization = `Bearer ${token}`;
    const { device, credential } = await json<{ device: { id: string }; credential: string }>(
      await fetch(`${server.url}/api/v1/devices`, {
        ...post({ type: "rvm", serialNumber: "RVM-METRICS-1", name: "Metrics RVM", site: "Lab" }),
        headers: { "content-type": "application/json", authorization },
      }),
    );
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
      clientId: device.id,
      username: device.id,
      password: credential,
      reconnectPeriod: 0,
    });
    for (let i = 0; i < messages; i++) {
      await client.publishAsync(
        `devices/${device.id}/telemetry`,
        JSON.stringify({
          v: 1,
          messageId: `metrics-${i}`,
          deviceTime: new Date(Date.now() - 60_000 + i).toISOString(),
          readings: [
            { metric: "temperature_c", value: 20 + i },
            { metric: "bin_fill_glass_pct", value: i },
            { metric: "bin_fill_pet_pct", value: i },
          ],
        }),
        { qos: 1 },
      );
    }
    // A publish outside its own topic: aedes refuses it and drops the connection.
    await client.publishAsync("devices/someone-else/telemetry", "{}", { qos: 0 }).catch(() => {});

    await until(
      scrapeNow,
      (text) =>
        sum(samplesOf(text, "ingest_rows_inserted_total")) >= messages * readingsPerMessage &&
        sum(samplesOf(text, "mqtt_broker_refused_publishes_total")) >= 1,
      "every reading stored and the foreign publish refused",
    );
    await client.endAsync(true).catch(() => {});
    await scrapeNow();
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("asks for the bearer token when METRICS_TOKEN is set", async () => {
    expect((await fetch(`${server.url}/api/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${server.url}/api/metrics`, { headers: { authorization: "Bearer nope" } })).status,
    ).toBe(401);
  });

  it("counts ingest, broker and HTTP traffic with plausible values", () => {
    expect(sum(samplesOf(scrape, "ingest_rows_inserted_total"))).toBe(messages * readingsPerMessage);
    expect(sum(samplesOf(scrape, "ingest_messages_stored_total"))).toBe(messages);
    expect(sum(samplesOf(scrape, "ingest_messages_received_total"))).toBeGreaterThanOrEqual(messages);
    expect(sum(samplesOf(scrape, "mqtt_broker_publishes_total"))).toBe(messages);
    expect(sum(samplesOf(scrape, "mqtt_broker_refused_publishes_total"))).toBeGreaterThanOrEqual(1);
    expect(sum(samplesOf(scrape, "ingest_publish_to_stored_lag_seconds_count"))).toBe(messages);
    expect(sum(samplesOf(scrape, "ingest_batch_rows_sum"))).toBe(messages * readingsPerMessage);
    // The queue was drained: nothing visible on the telemetry queue, nothing dead-lettered.
    expect(sum(samplesOf(scrape, "ingest_queue_messages"), 'queue="dead_letter"')).toBe(0);
    expect(samplesOf(scrape, "ingest_queue_messages").size).toBe(4);

    const requests = samplesOf(scrape, "http_server_request_duration_seconds_count");
    expect(sum(requests, 'http_route="/api/v1/auth/token"')).toBe(2);
    expect(
      sum(
        requests,
        'http_route="/api/v1/devices",http_request_method="POST",http_response_status_code="200"',
      ),
    ).toBe(1);
    expect(
      sum(
        requests,
        'http_route="/api/trpc/[procedure]",http_request_method="GET",http_response_status_code="401"',
      ),
    ).toBe(1);
    expect(
      sum(
        samplesOf(scrape, "rpc_server_errors_total"),
        'rpc_method="devices.list",rpc_response_status_code="UNAUTHORIZED"',
      ),
    ).toBe(1);
    expect(
      sum(samplesOf(scrape, "rpc_server_call_duration_seconds_count"), 'rpc_method="devices.create"'),
    ).toBe(1);
    expect(sum(samplesOf(scrape, "auth_sign_in_attempts_total"), 'outcome="invalid_credentials"')).toBe(1);
    expect(sum(samplesOf(scrape, "auth_sign_in_attempts_total"), 'outcome="success"')).toBe(1);
    // One device, whatever status its publishes moved it to.
    expect(sum(samplesOf(scrape, "fleet_devices"))).toBe(1);
    expect(sum(samplesOf(scrape, "process_cpu_seconds_total"))).toBeGreaterThan(0);
  });

  it("exports every metric a Grafana dashboard or an alert rule uses", () => {
    const exported = exportedMetricNames(scrape);
    const missing = [...dashboardQueries(), ...ruleQueries()].flatMap(({ where, expr }) =>
      metricNamesIn(expr)
        .filter((name) => !exported.has(name) && !scrapeSeries.has(name))
        .map((name) => `${name} (${where})`),
    );
    expect(missing).toEqual([]);
  });

  it("passes promtool check metrics", async (context) => {
    const binary = await findPromtool();
    if (!binary && !process.env.CI) return context.skip("promtool is not installed");
    if (!binary) throw new Error("promtool is not installed; .ci/run installs Debian's prometheus package");
    // promtool exits 3 on lint findings; each is one line naming the metric. prom-client's own
    // default gauges `nodejs_active_{handles,requests,resources}_total` carry a `_total` suffix we
    // cannot rename; every other finding fails.
    const findings = await promtool(binary, ["check", "metrics"], scrape).catch(
      (error: Error) => error.message,
    );
    const ours = findings
      .split("\n")
      .filter((line) => /^[a-z_:]+ /.test(line) && !line.startsWith("promtool "))
      .filter((line) => !/^nodejs_active_(handles|requests|resources)_total /.test(line));
    expect(ours).toEqual([]);
  });
});

function post(body: unknown): RequestInit {
  return { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}
