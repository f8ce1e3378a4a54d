import {
  accountKey,
  hashPassword,
  loginRetryAfterSeconds,
  recordLoginAttempt,
  verifyPassword,
} from "@revolv/auth";
import { sessions, users } from "@revolv/db/schema";
import type { ChangePasswordInput } from "@revolv/validators";
import { and, eq, isNull, ne } from "drizzle-orm";
import { recordAudit } from "./audit";
import { type Context, type Principal, TRPCError } from "./trpc";

type SignedInContext = Context & { principal: Principal };

/**
 * Checks the current password against the same budget as sign-in (the account's key), so
 * guessing through this form and through `/sign-in` counts alike; then stores the new hash and
 * revokes every other session of the user in one transaction with its audit row.
 */
export async function changeOwnPassword(ctx: SignedInContext, input: ChangePasswordInput) {
  const { userId, sessionId } = ctx.principal;
  const account = accountKey({ userId, login: "" });
  const retryAfterSeconds = await loginRetryAfterSeconds(ctx.db, account, ctx.ip);
  if (retryAfterSeconds > 0) {
    ctx.resHeaders.set("Retry-After", String(retryAfterSeconds));
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message: `Too many wrong passwords; try again in ${retryAfterSeconds} s`,
    });
  }

  const [user] = await ctx.db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  const currentOk = await verifyPassword(user.passwordHash, input.currentPassword);
  await recordLoginAttempt(ctx.db, account, ctx.ip, currentOk);
  if (!currentOk) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "Your current password is wrong" });
  }
  if (input.newPassword === input.currentPassword) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "Choose a password different from the current one" });
  }

  const passwordHash = await hashPassword(input.newPassword);
  return ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    const revoked = await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.userId, userId), ne(sessions.id, sessionId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    // The audit says that and when, never a hash.
    await recordAudit(tx, ctx, {
      action: "user.change_password",
      targetType: "user",
      targetId: userId,
      after: { revokedSessions: revoked.map((session) => session.id) },
    });
    return { revokedSessions: revoked.length };
  });
}
