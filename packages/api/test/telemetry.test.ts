import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { createSession, hashDeviceCredential, hashPassword, signAccessToken } from "@revolv/auth";
import { type DatabaseHandle, devices, roles, seedDatabase, users } from "@revolv/db";
import { openTestDatabase } from "@revolv/db/testing";
import {
  type ClickHouseHandle,
  createClickHouse,
  deviceEventRow,
  insertReadings,
  migrateClickHouse,
  readingRowsFrom,
  storeDeviceEvents,
} from "@revolv/telemetry";
import type { DeviceStatus, DeviceType, LiveBatch, Reading } from "@revolv/validators";
import { createTRPCClient, httpSubscriptionLink, type TRPCClientError } from "@trpc/client";
import { incomingMessageToRequest } from "@trpc/server/adapters/node-http";
import { eq } from "drizzle-orm";
import { EventSource } from "eventsource";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleRestRequest, handleTrpcRequest } from "../src/http";
import { type AppRouter, createCaller } from "../src/root";
import type { Services } from "../src/services";
import { createTRPCContext } from "../src/trpc";

const authSecret = "telemetry-test-secret-long-enough-for-hs256";
const minuteMs = 60_000;

/** A web instance: the app's tRPC and REST handlers behind a real socket on a free port. */
async function startWebInstance(services: Services): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const request = incomingMessageToRequest(req, res, { maxBodySize: null });
    const options = { services, authSecret, log: () => {} };
    const response = request.url.includes("/api/v1/")
      ? await handleRestRequest(request, options)
      : await handleTrpcRequest(request, options);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    // Streamed as it comes: server-sent events must not wait for the end of the response.
    if (response.body) for await (const chunk of response.body) res.write(chunk);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return { url: `http://127.0.0.1:${address.port}`, server };
}

function liveClient(url: string, authorization: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpSubscriptionLink({
        url: `${url}/api/trpc`,
        transformer: superjson,
        EventSource,
        eventSourceOptions: () => ({
          fetch: (input: string | URL | Request, init?: RequestInit) =>
            fetch(input, { ...init, headers: { ...init?.headers, authorization } }),
        }),
      }),
    ],
  });
}

/** Collects a subscription's events until `done` says so or the generous deadline passes. */
function collect(
  subscribe: (handlers: {
    onData: (event: { id: string; data: LiveBatch }) => void;
    onError: (error: TRPCClientError<AppRouter>) => void;
  }) => { unsubscribe(): void },
  done: (events: { id: string; data: LiveBatch }[]) => boolean,
  deadlineMs = 30_000,
) {
  return new Promise<{ id: string; data: LiveBatch }[]>((resolve, reject) => {
    const events: { id: string; data: LiveBatch }[] = [];
    const timer = setTimeout(() => {
      subscription.unsubscribe();
      reject(new Error(`subscription did not deliver in time; got ${JSON.stringify(events)}`));
    }, deadlineMs);
    const subscription = subscribe({
      onData(event) {
        events.push(event);
        if (done(events)) {
          clearTimeout(timer);
          subscription.unsubscribe();
          resolve(events);
        }
      },
      onError(error) {
        clearTimeout(timer);
        subscription.unsubscribe();
        reject(error);
      },
    });
  });
}

describe("telemetry and fleet procedures", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-api-telemetry-"));
  let database: DatabaseHandle;
  let clickhouse: ClickHouseHandle;
  let services: Services;
  let viewerId: string;
  const ids: Record<string, string> = {};

  async function registerDevice(name: string, type: DeviceType, status: DeviceStatus) {
    const [row] = await database.db
      .insert(devices)
      .values({
        type,
        serialNumber: `SN-${name}`,
        name,
        site: "Lab",
        status,
        credentialHash: hashDeviceCredential(`credential-${name}`),
        decommissionedAt: status === "decommissioned" ? new Date() : null,
      })
      .returning({ id: devices.id });
    ids[name] = row?.id as string;
  }

  async function store(
    deviceId: string,
    type: DeviceType,
    messageId: string,
    at: number,
    readings: Reading[],
  ) {
    await insertReadings(
      clickhouse.client,
      readingRowsFrom(
        { deviceId, messageId, deviceTime: new Date(at).toISOString(), receivedAt: at + 40, readings },
        type,
      ),
    );
  }

  const viewer = () =>
    createCaller(
      createTRPCContext({
        services,
        headers: new Headers(),
        principal: { userId: viewerId, sessionId: "00000000-0000-4000-8000-000000000000", role: "viewer" },
      }),
    );

  async function bearer() {
    const session = await createSession(database.db, { userId: viewerId, ttlMs: 10 * minuteMs });
    const { token } = await signAccessToken({ userId: viewerId, sessionId: session.id }, authSecret);
    return `Bearer ${token}`;
  }

  const hourAgo = Date.now() - 60 * minuteMs;

  beforeAll(async () => {
    database = await openTestDatabase(path.join(dataDir, "pglite"));
    clickhouse = createClickHouse({ kind: "chdb", dataDir: path.join(dataDir, "chdb") });
    await migrateClickHouse(clickhouse.client);
    await seedDatabase(database.db, { hashPassword, adminPassword: "an admin password for tests" });
    const [viewerRole] = await database.db.select().from(roles).where(eq(roles.name, "viewer"));
    const [user] = await database.db
      .insert(users)
      .values({
        email: "viewer@example.com",
        username: "viewer",
        passwordHash: "x",
        roleId: viewerRole?.id as string,
      })
      .returning({ id: users.id });
    viewerId = user?.id as string;
    services = { db: database.db, clickhouse: clickhouse.client };

    await registerDevice("rvm-online", "rvm", "online");
    await registerDevice("rvm-online-2", "rvm", "online");
    await registerDevice("rvm-gone", "rvm", "decommissioned");
    await registerDevice("soundbox-new", "soundbox", "provisioned");
    await registerDevice("soundbox-service", "soundbox", "maintenance");

    for (let i = 0; i < 30; i++) {
      await store(ids["rvm-online"] as string, "rvm", `t-${i}`, hourAgo + i * minuteMs, [
        { metric: "temperature_c", value: 20 + i / 10 },
        { metric: "bin_fill_pet_pct", value: i },
      ]);
    }
  });
  afterAll(async () => {
    await database.close();
    await clickhouse.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("telemetry.series answers from the stored readings, 404 for an unknown device, 400 for another type's metric", async () => {
    const series = await viewer().telemetry.series({
      deviceId: ids["rvm-online"] as string,
      metric: "temperature_c",
      from: new Date(hourAgo),
      to: new Date(hourAgo + 30 * minuteMs),
      maxPoints: 100,
    });
    expect(series.resolution).toBe("raw");
    expect(series.buckets.reduce((sum, b) => sum + b.count, 0)).toBe(30);
    expect(Math.min(...series.buckets.map((b) => b.min))).toBe(20);
    expect(Math.max(...series.buckets.map((b) => b.max))).toBeCloseTo(22.9, 9);

    await expect(
      viewer().telemetry.series({
        deviceId: "6f1d1f5e-0000-4000-8000-000000000000",
        metric: "temperature_c",
        from: new Date(hourAgo),
        to: new Date(),
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      viewer().telemetry.series({
        deviceId: ids["rvm-online"] as string,
        metric: "battery_pct",
        from: new Date(hourAgo),
        to: new Date(),
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "battery_pct is not a metric of a rvm" });
  });

  it("telemetry.series and fleet.summary are also REST GETs under /api/v1, query strings coerced", async () => {
    const web = await startWebInstance(services);
    try {
      const query = new URLSearchParams({
        metric: "bin_fill_pet_pct",
        from: new Date(hourAgo).toISOString(),
        to: new Date(hourAgo + 30 * minuteMs).toISOString(),
        maxPoints: "10",
      });
      const response = await fetch(
        `${web.url}/api/v1/devices/${ids["rvm-online"]}/telemetry/series?${query}`,
        { headers: { authorization: await bearer() } },
      );
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        resolution: string;
        buckets: { count: number; max: number }[];
      };
      expect(body.resolution).toBe("raw");
      expect(body.buckets.length).toBeLessThanOrEqual(10);
      expect(body.buckets.reduce((sum, b) => sum + b.count, 0)).toBe(30);
      expect(Math.max(...body.buckets.map((b) => b.max))).toBe(29);

      const anonymous = await fetch(`${web.url}/api/v1/devices/${ids["rvm-online"]}/telemetry/latest`);
      expect(anonymous.status).toBe(401);

      const fleet = await fetch(`${web.url}/api/v1/fleet/summary?type=soundbox`, {
        headers: { authorization: await bearer() },
      });
      expect(fleet.status).toBe(200);
      expect(((await fleet.json()) as { devices: { type: string; total: number }[] }).devices).toMatchObject([
        { type: "soundbox", total: 2 },
      ]);
    } finally {
      web.server.closeAllConnections();
      web.server.close();
    }
  });

  it("devices.events: a viewer reads a device's events newest first, by type and time, paged; REST too; 401 without a session, 404 for an unknown device", async () => {
    const deviceId = ids["rvm-online-2"] as string;
    const t0 = hourAgo;
    await storeDeviceEvents(clickhouse.client, [
      deviceEventRow(deviceId, "connected:s1", "connected", t0, "from 10.0.0.7"),
      deviceEventRow(deviceId, "jam:m1:1", "jam", t0 + minuteMs, "intake jammed"),
      deviceEventRow(deviceId, "disconnected:s1", "disconnected", t0 + 2 * minuteMs, "CONNECTION_LOST"),
      deviceEventRow(deviceId, "went-offline-1", "went_offline", t0 + 5 * minuteMs, "no message for 180 s"),
    ]);
    const all = await viewer().devices.events({ id: deviceId });
    expect(all.items.map((e) => e.type)).toEqual(["went_offline", "disconnected", "jam", "connected"]);
    expect(all).toMatchObject({ total: 4, page: 1, pageCount: 1 });
    expect(all.items[3]).toEqual({
      eventId: "connected:s1",
      type: "connected",
      at: new Date(t0),
      detail: "from 10.0.0.7",
    });
    const second = await viewer().devices.events({ id: deviceId, page: 2, pageSize: 3 });
    expect(second).toMatchObject({ total: 4, pageCount: 2, items: [{ type: "connected" }] });
    const window = await viewer().devices.events({
      id: deviceId,
      from: new Date(t0 + minuteMs),
      to: new Date(t0 + 5 * minuteMs),
    });
    expect(window.items.map((e) => e.type)).toEqual(["disconnected", "jam"]);
    await expect(
      viewer().devices.events({ id: "6f1d1f5e-0000-4000-8000-000000000000" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });

    const web = await startWebInstance(services);
    try {
      const response = await fetch(`${web.url}/api/v1/devices/${deviceId}/events?type=jam&pageSize=5`, {
        headers: { authorization: await bearer() },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        total: 1,
        items: [{ type: "jam", detail: "intake jammed" }],
      });
      const anonymous = await fetch(`${web.url}/api/v1/devices/${deviceId}/events`);
      expect(anonymous.status).toBe(401);
      const badType = await fetch(`${web.url}/api/v1/devices/${deviceId}/events?type=explosion`, {
        headers: { authorization: await bearer() },
      });
      expect(badType.status).toBe(400);
    } finally {
      web.server.closeAllConnections();
      web.server.close();
    }
  });

  it("telemetry.latest lists the newest value of each metric, 404 for an unknown device", async () => {
    const latest = await viewer().telemetry.latest({ deviceId: ids["rvm-online"] as string });
    expect(latest).toEqual({
      deviceId: ids["rvm-online"],
      readings: [
        {
          metric: "bin_fill_pet_pct",
          value: 29,
          at: new Date(hourAgo + 29 * minuteMs),
          receivedAt: new Date(hourAgo + 29 * minuteMs + 40),
        },
        {
          metric: "temperature_c",
          value: 22.9,
          at: new Date(hourAgo + 29 * minuteMs),
          receivedAt: new Date(hourAgo + 29 * minuteMs + 40),
        },
      ],
    });
    // Registered but silent: no readings, not a 404.
    expect(await viewer().telemetry.latest({ deviceId: ids["soundbox-new"] as string })).toEqual({
      deviceId: ids["soundbox-new"],
      readings: [],
    });
    await expect(
      viewer().telemetry.latest({ deviceId: "6f1d1f5e-0000-4000-8000-000000000000" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("fleet.summary counts registered devices by type and status, zeros included, beside what they reported", async () => {
    const zeros = { provisioned: 0, online: 0, offline: 0, maintenance: 0, decommissioned: 0 };
    const summary = await viewer().fleet.summary();
    expect(summary.devices).toEqual([
      { type: "rvm", total: 3, byStatus: { ...zeros, online: 2, decommissioned: 1 } },
      { type: "soundbox", total: 2, byStatus: { ...zeros, provisioned: 1, maintenance: 1 } },
    ]);
    expect(summary.telemetry.byType).toMatchObject([{ type: "rvm", reporting: 1, reportingLast1h: 1 }]);
    expect(summary.telemetry.readingsLast24h).toBe(60);

    const soundboxes = await viewer().fleet.summary({ type: "soundbox" });
    expect(soundboxes.devices).toEqual([
      { type: "soundbox", total: 2, byStatus: { ...zeros, provisioned: 1, maintenance: 1 } },
    ]);
    expect(soundboxes.telemetry.byType).toEqual([]);
  });

  it("telemetry.live pushes a stored reading to subscribers on two web instances, and resumes after the last event id", async () => {
    const deviceId = ids["rvm-online-2"] as string;
    const [first, second] = await Promise.all([startWebInstance(services), startWebInstance(services)]);
    try {
      const authorization = await bearer();
      const seenOn = (url: string) =>
        collect(
          (handlers) => liveClient(url, authorization).telemetry.live.subscribe({ deviceId }, handlers),
          (events) => events.length > 0,
        );
      const onFirst = seenOn(first.url);
      const onSecond = seenOn(second.url);
      // The subscribers start from "now" at a moment the test cannot see: store until both saw it.
      let delivered = false;
      void Promise.all([onFirst, onSecond]).finally(() => {
        delivered = true;
      });
      for (let i = 0; !delivered && i < 100; i++) {
        await store(deviceId, "rvm", `early-${i}`, Date.now(), [{ metric: "temperature_c", value: 30 + i }]);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const [eventsFirst, eventsSecond] = await Promise.all([onFirst, onSecond]);
      for (const events of [eventsFirst, eventsSecond]) {
        expect(events[0]?.data.readings.every((r) => r.messageId.startsWith("early-"))).toBe(true);
      }
      const last = eventsFirst.at(-1) as { id: string; data: LiveBatch };
      expect(last.id).toBe(last.data.cursor);

      // A client that saw up to `last.id` comes back: it gets what came after, not that again.
      await store(deviceId, "rvm", "live-2", Date.now(), [{ metric: "jam", value: 1 }]);
      const resumed = await collect(
        (handlers) =>
          liveClient(second.url, authorization).telemetry.live.subscribe(
            { deviceId, lastEventId: last.id },
            handlers,
          ),
        (events) => events.some((e) => e.data.readings.some((r) => r.messageId === "live-2")),
      );
      const resumedIds = resumed.flatMap((e) => e.data.readings.map((r) => r.messageId));
      expect(resumedIds).toContain("live-2");
      // Nothing the client already had came again (later `early-` stores it had not seen may).
      const alreadySeen = new Set(eventsFirst.flatMap((e) => e.data.readings.map((r) => r.messageId)));
      expect(resumedIds.filter((id) => alreadySeen.has(id))).toEqual([]);

      const unknown = collect(
        (handlers) =>
          liveClient(first.url, authorization).telemetry.live.subscribe(
            { deviceId: "6f1d1f5e-0000-4000-8000-000000000000" },
            handlers,
          ),
        () => true,
      );
      await expect(unknown).rejects.toMatchObject({ data: { code: "NOT_FOUND" } });
    } finally {
      for (const web of [first, second]) {
        web.server.closeAllConnections();
        web.server.close();
      }
    }
  });
});
