import { accessTokenTtlSeconds, hashPassword, login, revokeSession, signAccessToken } from "@revolv/auth";
import { userSchema } from "@revolv/db/schema";
import {
  acceptInvitationSchema,
  accessTokenSchema,
  changePasswordSchema,
  credentialsSchema,
  leastPrivilegedRole,
  type RegistrationMode,
  registerUserSchema,
} from "@revolv/validators";

import { z } from "zod";
import { recordAudit } from "../audit";
import { changeOwnPassword } from "../change-password";
import { recordAcceptedBy, spendInvitation } from "../invitations";
import { createTRPCRouter, protectedProcedure, publicProcedure, TRPCError } from "../trpc";
import { insertUser } from "./users";

const tags = ["auth"];

/** Same words for an unknown account, a wrong password and a disabled account. */
const invalidCredentials = "Wrong email/username or password";

const registrationRefusals: Record<Exclude<RegistrationMode, "open">, string> = {
  closed: "Registration is closed on this server; an admin creates accounts",
  invite: "Registration is by invitation only; ask an admin for an invitation link",
};

export const authRouter = createTRPCRouter({
  /**
   * Self-service sign-up, only with `REGISTRATION=open`; it always gets the least-privileged
   * role, and only admins assign others. Otherwise 403, whatever the input.
   */
  register: publicProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/auth/register",
        tags,
        summary: "Create an account (viewer role); only when REGISTRATION=open",
        protect: false,
        errorResponses: { 400: "Invalid input", 403: "Registration is not open", 409: "Taken" },
      },
    })
    .input(registerUserSchema)
    .output(userSchema)
    .mutation(async ({ ctx, input }) => {
      if (ctx.registration !== "open") {
        throw new TRPCError({ code: "FORBIDDEN", message: registrationRefusals[ctx.registration] });
      }
      const passwordHash = await hashPassword(input.password);
      return ctx.db.transaction(async (tx) => {
        const user = await insertUser(tx, { ...input, passwordHash, role: leastPrivilegedRole });
        await recordAudit(
          tx,
          { ...ctx, principal: null },
          {
            action: "user.register",
            targetType: "user",
            targetId: user.id,
            after: user,
          },
        );
        return user;
      });
    }),

  /**
   * Creates the invited account with the role the admin chose, once. Works whatever
   * `REGISTRATION` says: the invitation is the admin's decision. A token that is unknown,
   * expired, used or revoked answers 400 saying which.
   */
  acceptInvitation: publicProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/auth/invitations/accept",
        tags,
        summary: "Accept an invitation: choose a username and password",
        protect: false,
        errorResponses: { 400: "Invalid input or invitation", 409: "Username taken" },
      },
    })
    .input(acceptInvitationSchema)
    .output(userSchema)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        // Spent first, so a bad token costs no password hash.
        const invitation = await spendInvitation(tx, input.token);
        const passwordHash = await hashPassword(input.password);
        const user = await insertUser(tx, {
          username: input.username,
          email: invitation.email,
          passwordHash,
          role: invitation.role,
        });
        await recordAcceptedBy(tx, invitation.id, user.id);
        await recordAudit(
          tx,
          { ...ctx, principal: null },
          { action: "invitation.accept", targetType: "invitation", targetId: invitation.id, after: user },
        );
        return user;
      }),
    ),

  /** Exchanges credentials for a short-lived bearer JWT backed by a `sessions` row. */
  token: publicProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/auth/token",
        tags,
        summary: "Exchange email/username and password for a bearer token",
        protect: false,
        errorResponses: { 400: "Invalid input", 401: invalidCredentials, 429: "Too many failed sign-ins" },
      },
    })
    .input(credentialsSchema)
    .output(accessTokenSchema)
    .mutation(async ({ ctx, input }) => {
      if (!ctx.authSecret) throw new Error("authSecret missing from the tRPC context");
      const result = await login(ctx.db, {
        ...input,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        sessionTtlMs: accessTokenTtlSeconds * 1000,
      });
      if (!result.ok) {
        if (result.reason === "rate_limited") {
          ctx.resHeaders.set("Retry-After", String(result.retryAfterSeconds));
          throw new TRPCError({
            code: "TOO_MANY_REQUESTS",
            message: `Too many failed sign-ins; try again in ${result.retryAfterSeconds} s`,
          });
        }
        throw new TRPCError({ code: "UNAUTHORIZED", message: invalidCredentials });
      }
      const { token, expiresAt } = await signAccessToken(
        { userId: result.user.id, sessionId: result.session.id },
        ctx.authSecret,
      );
      const principal = { userId: result.user.id, sessionId: result.session.id, role: result.user.role };
      await recordAudit(
        ctx.db,
        { ...ctx, principal },
        {
          action: "session.create",
          targetType: "session",
          targetId: result.session.id,
          after: { via: "token", expiresAt },
        },
      );
      return { token, tokenType: "Bearer" as const, expiresAt, sessionId: result.session.id };
    }),

  /**
   * Changes the caller's own password. The current password is checked under the sign-in rate
   * limit (a stolen session must not become a way to guess it), every other session of the user
   * is revoked, and the change is audited. 400 on a wrong current password, never 401: the
   * session itself is fine.
   */
  changePassword: protectedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/auth/password",
        tags,
        summary: "Change your own password; your other sessions are signed out",
        errorResponses: {
          400: "Invalid input or wrong current password",
          401: "Not signed in",
          429: "Too many failed attempts",
        },
      },
    })
    .input(changePasswordSchema)
    .output(z.object({ revokedSessions: z.number().int() }))
    .mutation(({ ctx, input }) => changeOwnPassword(ctx, input)),

  /** Revokes the session the request runs under (bearer token or browser cookie alike). */
  logout: protectedProcedure
    .meta({ openapi: { method: "POST", path: "/auth/logout", tags, summary: "Revoke the current session" } })
    .input(z.void())
    .output(z.object({ revoked: z.boolean() }))
    .mutation(async ({ ctx }) => {
      const revoked = await revokeSession(ctx.db, ctx.principal.sessionId);
      await recordAudit(ctx.db, ctx, {
        action: "session.revoke",
        targetType: "session",
        targetId: ctx.principal.sessionId,
        after: { via: "logout" },
      });
      return { revoked };
    }),
});
