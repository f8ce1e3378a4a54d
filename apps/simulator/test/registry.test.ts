import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { handleTrpcRequest } from "@revolv/api";
import { hashPassword, verifyDeviceCredential } from "@revolv/auth";
import { signIn } from "@revolv/client";
import { type DatabaseHandle, devices, seedDatabase } from "@revolv/db";
import { openTestDatabase } from "@revolv/db/testing";
import { type ClickHouseHandle, createClickHouse } from "@revolv/telemetry";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CredentialStore, ensureSimulatedDevices, simulatorTag } from "../src/fleet/registry";

const password = "simulator test password";
const authSecret = "a-test-secret-that-is-long-enough-000000";
const url = "http://revolv.test";

describe("the simulator's device registry, through the real API", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "revolv-sim-registry-"));
  let database: DatabaseHandle;
  let clickhouse: ClickHouseHandle;
  // The real tRPC handler, called in-process instead of over a socket.
  const inProcessFetch = (async (input: string | URL | Request, init?: RequestInit) =>
    handleTrpcRequest(new Request(input, init), {
      services: { db: database.db, clickhouse: clickhouse.client },
      authSecret,
    })) as typeof fetch;
  const admin = () => signIn({ url, login: "admin", password, fetch: inProcessFetch });
  const storeFile = (name: string) => path.join(dir, name, "credentials.json");

  beforeAll(async () => {
    database = await openTestDatabase(path.join(dir, "pg"));
    await seedDatabase(database.db, { hashPassword, adminPassword: password });
    clickhouse = createClickHouse({ kind: "chdb", dataDir: path.join(dir, "ch") });
  });
  afterAll(async () => {
    await clickhouse.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function storedHash(id: string) {
    const [row] = await database.db.select().from(devices).where(eq(devices.id, id));
    return row?.credentialHash ?? "";
  }

  it("registers the devices it lacks, dealing types, and keeps their credentials in an owner-only file", async () => {
    const { client } = await admin();
    const store = await CredentialStore.open(storeFile("a"), url);
    const fleet = await ensureSimulatedDevices(client, { count: 5, types: ["rvm", "soundbox"], store });
    expect(fleet.map((d) => d.type).sort()).toEqual(["rvm", "rvm", "rvm", "soundbox", "soundbox"]);
    for (const device of fleet)
      expect(verifyDeviceCredential(await storedHash(device.id), device.credential)).toBe(true);
    const listed = await client.devices.list.query({
      tag: simulatorTag,
      sortBy: "serialNumber",
      sortDir: "asc",
    });
    expect(listed.items.map((d) => d.serialNumber)).toEqual([
      "SIM-RVM-00001",
      "SIM-RVM-00002",
      "SIM-RVM-00003",
      "SIM-SBX-00001",
      "SIM-SBX-00002",
    ]);
    expect(statSync(storeFile("a")).mode & 0o777).toBe(0o600);
  });

  it("reuses registered devices with the credentials it kept, and registers only the shortfall", async () => {
    const { client } = await admin();
    const before = await client.devices.list.query({ tag: simulatorTag });
    const store = await CredentialStore.open(storeFile("a"), url);
    const fleet = await ensureSimulatedDevices(client, { count: 7, types: ["rvm", "soundbox"], store });
    expect(fleet).toHaveLength(7);
    const after = await client.devices.list.query({ tag: simulatorTag });
    expect(after.total).toBe(before.total + 2);
    // No rotation happened: every kept credential still opens its device.
    for (const device of fleet)
      expect(verifyDeviceCredential(await storedHash(device.id), device.credential)).toBe(true);
  });

  it("rotates the credential of a reused device whose credential it no longer has", async () => {
    const { client } = await admin();
    const kept = await CredentialStore.open(storeFile("a"), url);
    const fresh = await CredentialStore.open(storeFile("b"), url);
    const fleet = await ensureSimulatedDevices(client, {
      count: 3,
      types: ["rvm", "soundbox"],
      store: fresh,
    });
    expect(fleet).toHaveLength(3);
    for (const device of fleet) {
      const hash = await storedHash(device.id);
      expect(verifyDeviceCredential(hash, device.credential)).toBe(true);
      // The old credential was replaced, so the other store's copy no longer works.
      expect(verifyDeviceCredential(hash, kept.get(device.id) as string)).toBe(false);
    }
    expect((await client.devices.list.query({ tag: simulatorTag })).total).toBe(7);
  });
});
