import type { Database } from "@revolv/db/client";
import { credentialsSchema } from "@revolv/validators";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { clientIpFrom, userAgentFrom } from "./client-ip";
import { login } from "./login";
import { browserSessionTtlMs, revokeSession } from "./session";

export interface AuthOptionsInput {
  db: Database;
  secret: string;
}

/**
 * next-auth passes an error thrown in `authorize` on as the `error` parameter of the URL it
 * redirects to, and nothing else of it; so the wait rides in the message (`RateLimited:900`),
 * for the web app's sign-in route to answer 429 with `Retry-After` and the form to show it.
 */
export const rateLimitedError = "RateLimited";
const rateLimitedPattern = /^RateLimited:(\d+)$/;

/** Seconds to wait, read from next-auth's `error` parameter; null for any other error. */
export function retryAfterFromSignInError(error: string | null | undefined): number | null {
  const match = rateLimitedPattern.exec(error ?? "");
  return match ? Number(match[1]) : null;
}

/**
 * next-auth v4 with the Credentials provider and JWT sessions. The JWT carries only the user
 * id and the `sessions` row id (`sid`); the role and the session's validity are read from
 * Postgres on each request, so revocation and role changes apply at once.
 */
export function createAuthOptions({ db, secret }: AuthOptionsInput): NextAuthOptions {
  return {
    secret,
    session: { strategy: "jwt", maxAge: Math.floor(browserSessionTtlMs / 1000) },
    // Errors next-auth does not show inline itself (a rate-limited sign-in) land on the form too.
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Revolv",
        credentials: {
          login: { label: "Email or username", type: "text" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, req) {
          const parsed = credentialsSchema.safeParse(credentials);
          if (!parsed.success) return null;
          const result = await login(db, {
            ...parsed.data,
            ip: clientIpFrom(req?.headers),
            userAgent: userAgentFrom(req?.headers),
            sessionTtlMs: browserSessionTtlMs,
          });
          if (!result.ok) {
            if (result.reason === "rate_limited") {
              throw new Error(`${rateLimitedError}:${result.retryAfterSeconds}`);
            }
            return null;
          }
          return {
            id: result.user.id,
            email: result.user.email,
            name: result.user.username,
            sid: result.session.id,
          };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user && "sid" in user && typeof user.sid === "string") token.sid = user.sid;
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.sub, sessionId: token.sid };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await revokeSession(db, token.sid);
      },
    },
  };
}
