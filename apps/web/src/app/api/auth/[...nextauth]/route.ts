import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { getAuthOptions } from "~/server/auth-options";

export const dynamic = "force-dynamic";

interface RouteContext {
  params: Promise<{ nextauth: string[] }>;
}

/** Sign-in (Credentials, with next-auth's CSRF check), sign-out (revokes the session row), csrf, session. */
function handler(req: NextRequest, context: RouteContext): Promise<Response> {
  return NextAuth(req, context, getAuthOptions());
}

export { handler as GET, handler as POST };
