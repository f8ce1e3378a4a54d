import type { Database } from "@revolv/db/client";
import { roles, sessions, users } from "@revolv/db/schema";
import type { RoleName } from "@revolv/validators";
import { and, eq, isNull } from "drizzle-orm";

/** Who is calling: the user behind a live session and the role the permission check reads. */
export interface Principal {
  userId: string;
  sessionId: string;
  role: RoleName;
}

/** A browser session lasts a working day; bearer tokens are shorter and refreshed by re-login. */
export const browserSessionTtlMs = 12 * 60 * 60 * 1000;

export interface NewSession {
  userId: string;
  ttlMs: number;
  ip?: string | null | undefined;
  userAgent?: string | null | undefined;
}

export async function createSession(db: Database, session: NewSession) {
  const [row] = await db
    .insert(sessions)
    .values({
      userId: session.userId,
      expiresAt: new Date(Date.now() + session.ttlMs),
      ip: session.ip ?? null,
      // Bounded so a hostile client cannot store megabytes per login.
      userAgent: session.userAgent?.slice(0, 512) ?? null,
    })
    .returning();
  if (!row) throw new Error("session insert returned no row");
  return row;
}

/** Marks a session revoked; returns false when it was unknown or already revoked. */
export async function revokeSession(db: Database, sessionId: string): Promise<boolean> {
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return revoked.length > 0;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The principal for a session id carried by a token, or null when the session is unknown,
 * revoked, expired or its user disabled. Read on every request (one primary-key join), so a
 * revocation or a disabled account takes effect on the very next call, on every instance.
 */
export async function loadSessionPrincipal(db: Database, sessionId: string): Promise<Principal | null> {
  if (!uuidPattern.test(sessionId)) return null;
  const [row] = await db
    .select({
      sessionId: sessions.id,
      userId: users.id,
      role: roles.name,
      expiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt,
      disabled: users.disabled,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(eq(sessions.id, sessionId))
    .limit(1);
  if (!row || row.revokedAt || row.disabled || row.expiresAt.getTime() <= Date.now()) return null;
  return { userId: row.userId, sessionId: row.sessionId, role: row.role };
}
