import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { getAuthOptions } from "~/server/auth-options";
import { csrfCookieSentMarker } from "~/server/sign-in";

export const dynamic = "force-dynamic";

/**
 * The sign-in page renders next-auth's CSRF token into its form, but a page cannot set the
 * cookie that token pairs with. Here next-auth's own CSRF route sets it, and the browser goes
 * back to the form with the query it came with, plus a marker: a browser that refuses cookies
 * then sees a message instead of a redirect loop.
 */
export async function GET(req: NextRequest): Promise<Response> {
  const issued = await NextAuth(req, { params: Promise.resolve({ nextauth: ["csrf"] }) }, getAuthOptions());
  const query = new URLSearchParams(req.nextUrl.searchParams);
  query.delete("_rsc"); // the client router's cache key, not the page's
  query.set(csrfCookieSentMarker.name, csrfCookieSentMarker.value);
  const headers = new Headers({ location: `/sign-in?${query}`, "cache-control": "no-store" });
  for (const cookie of issued.headers.getSetCookie()) headers.append("set-cookie", cookie);
  return new Response(null, { status: 303, headers });
}
