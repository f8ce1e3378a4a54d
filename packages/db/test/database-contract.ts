import { roleNames } from "@revolv/validators";
import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { type DatabaseHandle, queryRows } from "../src/client";
import { decommissionedNow, devices, isDecommissioned, roles, users } from "../src/schema";
import { seedDatabase } from "../src/seed";

// A cheap stand-in for argon2: these tests prove the seed's logic, not the hash.
const hashPassword = async (password: string) => `hashed:${password.length}`;

/** The behaviour every driver must share, run against PGlite and a real Postgres server. */
export function describeDatabaseContract(open: () => DatabaseHandle) {
  it("applies the migrations and is idempotent on a second run", async () => {
    const handle = open();
    await handle.migrate();
    await handle.migrate();
    const tables = await queryRows<{ table_name: string }>(
      handle.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    expect(tables.map((r) => r.table_name)).toEqual([
      "alarm_rules",
      "alarm_transitions",
      "alarms",
      "audit_events",
      "device_event_outbox",
      "devices",
      "invitations",
      "login_attempts",
      "notification_deliveries",
      "roles",
      "sessions",
      "users",
    ]);
    // A cap for a hung run: migrating a fresh database twice has taken over a minute on a
    // loaded two-core machine.
  }, 240_000);

  it("seeds the four roles and one admin, once, with a generated password", async () => {
    const handle = open();
    const first = await seedDatabase(handle.db, { hashPassword });
    expect(first.rolesCreated).toBe(4);
    expect(first.admin?.email).toBe("admin@revolv.local");
    expect(first.admin?.generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const second = await seedDatabase(handle.db, { hashPassword });
    expect(second).toEqual({ rolesCreated: 0 });

    const roleRows = await handle.db.select({ name: roles.name }).from(roles);
    expect(roleRows.map((r) => r.name).sort()).toEqual([...roleNames].sort());
    const admins = await handle.db.select().from(users);
    expect(admins).toHaveLength(1);
    expect(admins[0]?.passwordHash).toBe(`hashed:${first.admin?.generatedPassword?.length}`);
  });

  it("treats usernames and emails as unique regardless of case", async () => {
    const handle = open();
    const [viewer] = await handle.db.select().from(roles).where(eq(roles.name, "viewer"));
    const row = { passwordHash: "x", roleId: viewer?.id as string };
    await handle.db.insert(users).values({ ...row, username: "Casey", email: "casey@example.com" });
    await expect(
      handle.db.insert(users).values({ ...row, username: "casey", email: "other@example.com" }),
    ).rejects.toThrow();
    await expect(
      handle.db.insert(users).values({ ...row, username: "other", email: "CASEY@example.com" }),
    ).rejects.toThrow();
  });

  it("records decommissioning one way: a status without its date, or a date without the status, is refused", async () => {
    const handle = open();
    const device = { type: "rvm", name: "R", site: "S", credentialHash: "x" } as const;
    await expect(
      handle.db.insert(devices).values({ ...device, serialNumber: "D-1", status: "decommissioned" }),
    ).rejects.toThrow();
    await expect(
      handle.db.insert(devices).values({ ...device, serialNumber: "D-2", decommissionedAt: new Date() }),
    ).rejects.toThrow();
    const [retired] = await handle.db
      .insert(devices)
      .values({ ...device, serialNumber: "D-3", ...decommissionedNow() })
      .returning();
    expect(retired && isDecommissioned(retired)).toBe(true);
  });

  it("indexes every sort key of the device table, and its name/serial search where pg_trgm exists", async () => {
    const handle = open();
    const indexes = await queryRows<{ indexname: string }>(
      handle.db,
      sql`select indexname from pg_indexes where tablename = 'devices'`,
    );
    const names = indexes.map((row) => row.indexname);
    expect(names).toEqual(
      expect.arrayContaining([
        "devices_name_id_idx",
        "devices_serial_number_id_idx",
        "devices_site_id_idx",
        "devices_created_id_idx",
        "devices_last_seen_id_idx",
      ]),
    );
    const [trgm] = await queryRows<{ available: boolean }>(
      handle.db,
      sql`select exists (select 1 from pg_available_extensions where name = 'pg_trgm') as available`,
    );
    const trigramIndexes = ["devices_name_trgm_idx", "devices_serial_number_trgm_idx"];
    if (trgm?.available) expect(names).toEqual(expect.arrayContaining(trigramIndexes));
    else expect(names.filter((name) => trigramIndexes.includes(name))).toEqual([]);
  });
}
