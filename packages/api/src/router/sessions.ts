import { revokeSession } from "@revolv/auth";
import type { Database } from "@revolv/db/client";
import { sessions, users } from "@revolv/db/schema";
import {
  sessionIdInputSchema,
  sessionListSchema,
  sessionSchema,
  userSessionsInputSchema,
} from "@revolv/validators";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit";
import { createTRPCRouter, protectedProcedure, requirePermission, TRPCError } from "../trpc";

const sessionColumns = {
  id: sessions.id,
  userId: sessions.userId,
  createdAt: sessions.createdAt,
  expiresAt: sessions.expiresAt,
  revokedAt: sessions.revokedAt,
  ip: sessions.ip,
  userAgent: sessions.userAgent,
};

/** The newest 100 are plenty: old sessions expire within a day. */
async function listSessions(db: Database, userId: string, currentSessionId: string) {
  const rows = await db
    .select(sessionColumns)
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.createdAt))
    .limit(100);
  return { items: rows.map((row) => ({ ...row, current: row.id === currentSessionId })) };
}

const notFound = () => new TRPCError({ code: "NOT_FOUND", message: "No session with this id" });
const tags = ["sessions"];

/**
 * Own sessions need only a sign-in; anyone's need `session:manage`. Two procedures rather
 * than one with a role check inside, so every decision stays in the middleware.
 */
export const sessionsRouter = createTRPCRouter({
  list: protectedProcedure
    .meta({ openapi: { method: "GET", path: "/sessions", tags, summary: "Your sessions" } })
    .input(z.void())
    .output(sessionListSchema)
    .query(({ ctx }) => listSessions(ctx.db, ctx.principal.userId, ctx.principal.sessionId)),

  revoke: protectedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/sessions/{id}/revoke",
        tags,
        summary: "Revoke one of your sessions",
      },
    })
    .input(sessionIdInputSchema)
    .output(sessionSchema)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        // Someone else's session id answers exactly like an unknown one.
        const [before] = await tx
          .select(sessionColumns)
          .from(sessions)
          .where(and(eq(sessions.id, input.id), eq(sessions.userId, ctx.principal.userId)));
        if (!before) throw notFound();
        return revokeAndAudit(tx as unknown as Database, ctx, before);
      }),
    ),

  listForUser: requirePermission("session:manage")
    .meta({
      openapi: { method: "GET", path: "/users/{userId}/sessions", tags, summary: "A user's sessions" },
    })
    .input(userSessionsInputSchema)
    .output(sessionListSchema)
    .query(async ({ ctx, input }) => {
      const [user] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.id, input.userId));
      if (!user) throw new TRPCError({ code: "NOT_FOUND", message: "No user with this id" });
      return listSessions(ctx.db, input.userId, ctx.principal.sessionId);
    }),

  revokeAny: requirePermission("session:manage")
    .meta({
      openapi: { method: "POST", path: "/admin/sessions/{id}/revoke", tags, summary: "Revoke any session" },
    })
    .input(sessionIdInputSchema)
    .output(sessionSchema)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        const [before] = await tx.select(sessionColumns).from(sessions).where(eq(sessions.id, input.id));
        if (!before) throw notFound();
        return revokeAndAudit(tx as unknown as Database, ctx, before);
      }),
    ),
});

type SessionRow = typeof sessions.$inferSelect;

async function revokeAndAudit(db: Database, ctx: Parameters<typeof recordAudit>[1], before: SessionRow) {
  if (before.revokedAt) return before;
  await revokeSession(db, before.id);
  const [after] = await db.select(sessionColumns).from(sessions).where(eq(sessions.id, before.id));
  if (!after) throw notFound();
  await recordAudit(db, ctx, {
    action: "session.revoke",
    targetType: "session",
    targetId: before.id,
    before,
    after,
  });
  return after;
}
