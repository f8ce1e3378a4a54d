import { devices } from "@revolv/db";
import { insertReadings, readingRowsFrom } from "@revolv/telemetry";
import type { DeviceType, Reading } from "@revolv/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiStack, openApiStack } from "./api-stack";
import { createHttpCaller } from "./http-requests";

const minuteMs = 60_000;

type Page = { items: { id: string; name: string }[]; total: number };
type Attention = {
  binsNearlyFull: { device: { name: string }; material: string; fillPct: number }[];
  lowBattery: { device: { name: string }; batteryPct: number }[];
  faultsLast24h: { device: { name: string }; jams: number; faultCodes: number[] }[];
  silent: { device: { name: string }; lastSeenAt: string | null }[];
  silentTotal: number;
  messagesPerMinute: { t: string; count: number }[];
};

describe("the fleet overview's attention lists and the device list's attention filter", () => {
  let stack: ApiStack;
  let http: ReturnType<typeof createHttpCaller>;
  let viewer: string;
  const ids: Record<string, string> = {};
  const now = Date.now();

  async function register(name: string, type: DeviceType, lastSeenAgoMs: number | null) {
    const [row] = await stack.services.db
      .insert(devices)
      .values({
        type,
        serialNumber: `ATT-${name}`,
        name,
        site: "Depot",
        credentialHash: "x",
        status: lastSeenAgoMs === null ? "provisioned" : "online",
        lastSeenAt: lastSeenAgoMs === null ? null : new Date(now - lastSeenAgoMs),
      })
      .returning({ id: devices.id });
    ids[name] = row?.id as string;
  }

  let message = 0;
  async function store(name: string, type: DeviceType, agoMs: number, readings: Reading[]) {
    const at = now - agoMs;
    await insertReadings(
      stack.services.clickhouse,
      readingRowsFrom(
        {
          deviceId: ids[name] as string,
          messageId: `m-${++message}`,
          deviceTime: new Date(at).toISOString(),
          receivedAt: at + 10,
          readings,
        },
        type,
      ),
    );
  }

  beforeAll(async () => {
    stack = await openApiStack("fleet-attention");
    http = createHttpCaller(stack.services, () => {});
    viewer = await stack.bearer("viewer");
    await register("full-pet", "rvm", minuteMs);
    await register("emptied", "rvm", minuteMs);
    await register("jammed", "rvm", 2 * minuteMs);
    await register("flat", "soundbox", 3 * minuteMs);
    await register("quiet", "soundbox", 3 * 60 * minuteMs);
    await register("never", "rvm", null);

    await store("full-pet", "rvm", minuteMs, [
      { metric: "bin_fill_pet_pct", value: 96 },
      { metric: "bin_fill_glass_pct", value: 40 },
    ]);
    // Full 90 minutes ago, emptied since: the newest reading decides.
    await store("emptied", "rvm", 90 * minuteMs, [{ metric: "bin_fill_glass_pct", value: 99 }]);
    await store("emptied", "rvm", minuteMs, [{ metric: "bin_fill_glass_pct", value: 5 }]);
    await store("jammed", "rvm", 5 * minuteMs, [
      { metric: "jam", value: 1 },
      { metric: "fault_code", value: 204 },
    ]);
    await store("jammed", "rvm", 2 * minuteMs, [
      { metric: "jam", value: 1 },
      { metric: "fault_code", value: 0 },
    ]);
    await store("flat", "soundbox", 3 * minuteMs, [{ metric: "battery_pct", value: 12 }]);
    await store("quiet", "soundbox", 3 * 60 * minuteMs, [{ metric: "battery_pct", value: 80 }]);
  });
  afterAll(() => stack?.close());

  it("fleet.attention lists the collection list, low batteries, faults of the last 24 h and silent devices", async () => {
    const response = await http.rest("GET", "/fleet/attention", undefined, { authorization: viewer });
    expect(response.status).toBe(200);
    const attention = (await response.json()) as Attention;
    expect(attention.binsNearlyFull).toMatchObject([
      { device: { name: "full-pet" }, material: "pet", fillPct: 96 },
    ]);
    expect(attention.lowBattery).toMatchObject([{ device: { name: "flat" }, batteryPct: 12 }]);
    expect(attention.faultsLast24h).toMatchObject([
      { device: { name: "jammed" }, jams: 2, faultCodes: [204] },
    ]);
    expect(attention.silent.map((row) => row.device.name)).toEqual(["never", "quiet"]);
    expect(attention.silentTotal).toBe(2);
    expect(attention.messagesPerMinute).toHaveLength(60);
    // Five messages in the last hour; those of 90 minutes and three hours ago are older.
    expect(attention.messagesPerMinute.reduce((sum, m) => sum + m.count, 0)).toBe(5);
  });

  it.each([
    ["bins_nearly_full", ["full-pet"]],
    ["low_battery", ["flat"]],
    ["jammed", ["jammed"]],
    ["faulted", []],
    ["silent", ["never", "quiet"]],
  ])("devices.list?attention=%s answers the devices the overview counts", async (attention, names) => {
    const response = await http.rest(
      "GET",
      `/devices?attention=${attention}&sortBy=name&sortDir=asc`,
      undefined,
      {
        authorization: viewer,
      },
    );
    expect(response.status).toBe(200);
    const page = (await response.json()) as Page;
    expect(page.items.map((device) => device.name)).toEqual(names);
    expect(page.total).toBe(names.length);
  });

  it("an unknown attention answers 400", async () => {
    const response = await http.rest("GET", "/devices?attention=on_fire", undefined, {
      authorization: viewer,
    });
    expect(response.status).toBe(400);
  });
});
