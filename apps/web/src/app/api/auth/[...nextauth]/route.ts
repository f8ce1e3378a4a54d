import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { getAuthOptions } from "~/server/auth-options";
import { answerRateLimitedSignIn } from "~/server/rate-limited-sign-in";

export const dynamic = "force-dynamic";

interface RouteContext {
  params: Promise<{ nextauth: string[] }>;
}

/** Sign-in (Credentials, with next-auth's CSRF check), sign-out (revokes the session row), csrf, session. */
async function handler(req: NextRequest, context: RouteContext): Promise<Response> {
  const { nextauth } = await context.params;
  const credentialsSignIn = req.method === "POST" && nextauth.join("/") === "callback/credentials";
  // next-auth reads the body itself; the copy tells a form post from its client's JSON mode.
  const form = credentialsSignIn ? new URLSearchParams(await req.clone().text()) : null;
  const response = await NextAuth(req, context, getAuthOptions());
  return form ? answerRateLimitedSignIn(response, form, req.headers.get("host")) : response;
}

export { handler as GET, handler as POST };
