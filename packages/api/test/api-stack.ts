import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createSession, hashPassword, signAccessToken } from "@revolv/auth";
import { createDatabase, type DatabaseHandle, roles, seedDatabase, users } from "@revolv/db";
import { openTestDatabase } from "@revolv/db/testing";
import { type PostgresServer, startPostgresServer } from "@revolv/postgres-server";
import { createClickHouse, migrateClickHouse } from "@revolv/telemetry";
import { type RoleName, roleNames } from "@revolv/validators";
import { eq } from "drizzle-orm";
import type { Services } from "../src/services";

export const authSecret = "api-test-secret-long-enough-for-hs256-0000";
export const password = "correct horse battery staple";

export interface ApiStack {
  services: Services;
  /** One account per role; the admin is the seeded first admin. */
  userIds: Record<RoleName, string>;
  /** `Authorization` for a fresh session of that role's account, so no call can spoil another's. */
  bearer(role: RoleName): Promise<string>;
  close(): Promise<void>;
}

/** Which Postgres the stack runs on: embedded PGlite, or a throw-away real server (Debian's). */
export type ApiEngine = "pglite" | "postgres";

async function openDatabase(
  engine: ApiEngine,
  dataDir: string,
): Promise<DatabaseHandle & { stop?: () => Promise<void> }> {
  if (engine === "pglite") return openTestDatabase(path.join(dataDir, "pglite"));
  const server: PostgresServer = await startPostgresServer();
  const handle = createDatabase({ kind: "pg", url: server.url });
  try {
    await handle.migrate();
  } catch (error) {
    await handle.close();
    await server.stop();
    throw error;
  }
  return { ...handle, stop: () => server.stop() };
}

/**
 * The real engines the API runs on, in a temp dir: Postgres (PGlite unless `engine` says the
 * real server) migrated and seeded with one user per role, chDB migrated (telemetry procedures
 * read it).
 */
export async function openApiStack(name: string, engine: ApiEngine = "pglite"): Promise<ApiStack> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `revolv-${name}-`));
  const database = await openDatabase(engine, dataDir);
  const clickhouse = createClickHouse({ kind: "chdb", dataDir: path.join(dataDir, "chdb") });
  await migrateClickHouse(clickhouse.client);
  const db = database.db;
  await seedDatabase(db, { hashPassword, adminEmail: "admin@example.com", adminPassword: password });

  const passwordHash = await hashPassword(password);
  const userIds = {} as Record<RoleName, string>;
  for (const role of roleNames) {
    const [existing] = await db
      .select({ id: users.id })
      .from(users)
      .innerJoin(roles, eq(roles.id, users.roleId))
      .where(eq(roles.name, role))
      .limit(1);
    if (existing) {
      userIds[role] = existing.id;
      continue;
    }
    const [roleRow] = await db.select({ id: roles.id }).from(roles).where(eq(roles.name, role));
    const [created] = await db
      .insert(users)
      .values({ username: role, email: `${role}@example.com`, passwordHash, roleId: roleRow?.id as string })
      .returning({ id: users.id });
    userIds[role] = created?.id as string;
  }

  return {
    services: { db, clickhouse: clickhouse.client },
    userIds,
    async bearer(role) {
      const session = await createSession(db, { userId: userIds[role], ttlMs: 10 * 60_000 });
      const { token } = await signAccessToken({ userId: userIds[role], sessionId: session.id }, authSecret);
      return `Bearer ${token}`;
    },
    async close() {
      await database.close();
      await database.stop?.();
      await clickhouse.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
