import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@clickhouse/client";
import { type DatabaseHandle, openPglite } from "@revolv/db";
import type { ListDevicesInput } from "@revolv/validators";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../src/root";
import { createTRPCContext } from "../src/trpc";

/** Enough devices that a broad filter takes the sort-index plan and a narrow one the fenced plan. */
const deviceCount = 6_000;

type Row = {
  id: string;
  name: string;
  site: string;
  tags: string[];
  createdAt: Date;
  lastSeenAt: Date | null;
};

describe("devices.list pages the same rows whichever plan its match count picks", () => {
  let dataDir: string;
  let handle: DatabaseHandle;
  let caller: ReturnType<typeof createCaller>;
  const clickhouse = createClient({ url: "http://127.0.0.1:9" });
  const all: Row[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "revolv-devices-list-"));
    handle = openPglite(dataDir);
    await handle.migrate();
    // Repeating names, sites and times, so ties are broken by id; every 7th device never seen.
    await handle.db.execute(sql`
      INSERT INTO devices (type, serial_number, name, site, tags, credential_hash, last_seen_at, created_at)
      SELECT CASE WHEN n % 2 = 0 THEN 'rvm' ELSE 'soundbox' END, 'LST-' || n, 'Device ' || (n % 50),
        'Site ' || (n % 40), CASE WHEN n % 1000 = 0 THEN ARRAY['rare'] ELSE ARRAY['common'] END, 'x',
        CASE WHEN n % 7 = 0 THEN NULL ELSE timestamp '2026-01-01' + (n % 300) * interval '1 minute' END,
        timestamp '2026-01-01' + (n % 500) * interval '1 second'
      FROM generate_series(1, ${deviceCount}) AS n`);
    caller = createCaller(
      createTRPCContext({
        services: { db: handle.db, clickhouse },
        headers: new Headers(),
        principal: { userId: crypto.randomUUID(), sessionId: crypto.randomUUID(), role: "viewer" },
      }),
    );
    const pageSize = 100;
    for (let page = 1; all.length < deviceCount; page++) {
      const { items } = await caller.devices.list({ page, pageSize, sortBy: "name", sortDir: "asc" });
      if (items.length === 0) break;
      all.push(...items);
    }
  }, 120_000);

  afterAll(async () => {
    await clickhouse.close();
    await handle?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** The expected order, computed here: NULLs first descending and last ascending, as Postgres does. */
  function expected(rows: Row[], sortBy: "name" | "site" | "createdAt" | "lastSeenAt", dir: "asc" | "desc") {
    const key = (row: Row) => {
      const value = row[sortBy];
      return value instanceof Date ? value.getTime() : value;
    };
    const sign = dir === "asc" ? 1 : -1;
    return [...rows].sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      if (ka !== kb) {
        if (ka === null) return sign;
        if (kb === null) return -sign;
        return (ka < kb ? -1 : 1) * sign;
      }
      return (a.id < b.id ? -1 : 1) * sign;
    });
  }

  it("lists every device once", () => {
    expect(all).toHaveLength(deviceCount);
    expect(new Set(all.map((row) => row.id)).size).toBe(deviceCount);
  });

  it.each([
    ["all devices (sort-index plan)", {}, () => true],
    ["one site (fenced plan)", { site: "Site 7" }, (row: Row) => row.site === "Site 7"],
    ["a rare tag (fenced plan)", { tag: "rare" }, (row: Row) => row.tags.includes("rare")],
  ] as const)("%s: pages, totals and ties match an independent sort", async (_label, filter, keep) => {
    const matching = all.filter(keep);
    for (const [sortBy, sortDir] of [
      ["name", "asc"],
      ["site", "desc"],
      ["createdAt", "desc"],
      ["lastSeenAt", "desc"],
      ["lastSeenAt", "asc"],
    ] as const) {
      const order = expected(matching, sortBy, sortDir);
      for (const page of [1, 2, Math.ceil(order.length / 25)]) {
        const input: Partial<ListDevicesInput> = { ...filter, sortBy, sortDir, page, pageSize: 25 };
        const result = await caller.devices.list(input);
        expect(result.total, JSON.stringify(input)).toBe(order.length);
        expect(
          result.items.map((row) => row.id),
          JSON.stringify(input),
        ).toEqual(order.slice((page - 1) * 25, page * 25).map((row) => row.id));
      }
    }
  });

  it("answers a page past the end with no rows and the true total", async () => {
    const result = await caller.devices.list({ site: "Site 7", page: 999, pageSize: 25 });
    expect(result).toMatchObject({ items: [], total: deviceCount / 40, page: 999, pageCount: 6 });
  });
});
