import { createDatabase, type Database, type DatabaseHandle } from "@revolv/db/client";
import { deviceEventOutbox, devices } from "@revolv/db/schema";
import { type PostgresServer, postgresMissing, startPostgresServer } from "@revolv/postgres-server";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SweepResult, sweepInactiveDevices } from "../src/index";
import { openPglite, registerDevice, tempDir } from "./harness";

const timeouts = { rvm: 60, soundbox: 60 };
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

/** Three devices overdue, one seen a moment ago, one already offline; their ids. */
async function fleetWithThreeOverdue(db: Database) {
  const overdue = [];
  for (let i = 0; i < 3; i++)
    overdue.push(
      (
        await registerDevice(db, i === 2 ? "soundbox" : "rvm", {
          status: "online",
          lastSeenAt: minutesAgo(10),
        })
      ).id,
    );
  const fresh = (await registerDevice(db, "rvm", { status: "online", lastSeenAt: new Date() })).id;
  const offline = (await registerDevice(db, "rvm", { status: "offline", lastSeenAt: minutesAgo(10) })).id;
  return { overdue, fresh, offline, all: [...overdue, fresh, offline] };
}

async function outcome(db: Database, ids: string[]) {
  const statuses = await db
    .select({ id: devices.id, status: devices.status })
    .from(devices)
    .where(inArray(devices.id, ids));
  const outbox = await db
    .select({ deviceId: deviceEventOutbox.deviceId, type: deviceEventOutbox.type })
    .from(deviceEventOutbox)
    .where(inArray(deviceEventOutbox.deviceId, ids));
  return { status: new Map(statuses.map((row) => [row.id, row.status])), outbox };
}

const didWork = (results: SweepResult[]) => results.filter((r) => r.swept && r.wentOffline.length > 0);

describe.skipIf(postgresMissing("the concurrent sweep test on a real server"))(
  "the inactivity sweep on a real PostgreSQL server, two instances at once",
  () => {
    let server: PostgresServer;
    let first: DatabaseHandle;
    let second: DatabaseHandle;
    beforeAll(async () => {
      server = await startPostgresServer();
      // Two pools: two instances (web or worker) of one deployment.
      first = createDatabase({ kind: "pg", url: server.url });
      second = createDatabase({ kind: "pg", url: server.url });
      await first.migrate();
    });
    afterAll(async () => {
      await first?.close();
      await second?.close();
      await server?.stop();
    });

    it("one sweeps while it holds the lock, the other returns at once without sweeping", async () => {
      const fleet = await fleetWithThreeOverdue(first.db);
      let locked!: () => void;
      const holding = new Promise<void>((resolve) => {
        locked = resolve;
      });
      let release!: () => void;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      const sweeping = sweepInactiveDevices(first.db, timeouts, {
        whileLocked: async () => {
          locked();
          await released;
        },
      });
      await holding;
      const other = await sweepInactiveDevices(second.db, timeouts);
      release();
      const done = await sweeping;

      expect(other).toEqual({ swept: false });
      expect(done.swept && [...done.wentOffline].sort()).toEqual([...fleet.overdue].sort());
      const { status, outbox } = await outcome(first.db, fleet.all);
      for (const id of fleet.overdue) expect(status.get(id)).toBe("offline");
      expect(status.get(fleet.fresh)).toBe("online");
      expect(outbox.map((row) => row.type)).toEqual(["went_offline", "went_offline", "went_offline"]);
      expect(new Set(outbox.map((row) => row.deviceId))).toEqual(new Set(fleet.overdue));
    });

    it("four sweepers started together: one does the work, each device goes offline once", async () => {
      const fleet = await fleetWithThreeOverdue(first.db);
      const results = await Promise.all(
        [first, second, first, second].map((h) => sweepInactiveDevices(h.db, timeouts)),
      );
      expect(didWork(results)).toHaveLength(1);
      const { outbox } = await outcome(first.db, fleet.all);
      expect(outbox).toHaveLength(3);
    });
  },
);

describe("the inactivity sweep on PGlite, two sweepers on one database", () => {
  const temp = tempDir("sweep");
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openPglite(temp.dir);
  });
  afterAll(async () => {
    await database?.close();
    temp.cleanup();
  });

  it("one does the work, each device goes offline once", async () => {
    const fleet = await fleetWithThreeOverdue(database.db);
    const results = await Promise.all([1, 2].map(() => sweepInactiveDevices(database.db, timeouts)));
    expect(didWork(results)).toHaveLength(1);
    const { status, outbox } = await outcome(database.db, fleet.all);
    expect(outbox).toHaveLength(3);
    for (const id of fleet.overdue) expect(status.get(id)).toBe("offline");
    expect(status.get(fleet.offline)).toBe("offline");
    expect(status.get(fleet.fresh)).toBe("online");
  });
});
