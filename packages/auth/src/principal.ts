import type { Database } from "@revolv/db/client";
import { decode } from "next-auth/jwt";
import { verifyAccessToken } from "./access-token";
import { loadSessionPrincipal, type Principal } from "./session";

/** next-auth's cookie, plain over http and `__Secure-` prefixed over https; long ones are chunked. */
const sessionCookieNames = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function parseCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header?.split(";") ?? []) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(raw));
    } catch {
      cookies.set(name, raw);
    }
  }
  return cookies;
}

export function sessionCookieFrom(cookieHeader: string | null): string | null {
  const cookies = parseCookies(cookieHeader);
  for (const name of sessionCookieNames) {
    const whole = cookies.get(name);
    if (whole) return whole;
    const chunks: string[] = [];
    for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`) as string);
    if (chunks.length > 0) return chunks.join("");
  }
  return null;
}

/** The session id inside a next-auth session cookie, or null when it is missing or forged. */
export async function sessionIdFromCookie(
  cookieHeader: string | null,
  secret: string,
): Promise<string | null> {
  const token = sessionCookieFrom(cookieHeader);
  if (!token) return null;
  try {
    const jwt = await decode({ token, secret });
    return typeof jwt?.sid === "string" ? jwt.sid : null;
  } catch {
    return null;
  }
}

/**
 * Resolves the caller from `Authorization: Bearer <jwt>` or, failing that header, the
 * next-auth cookie. A bad bearer token does not fall back to the cookie: the client asked
 * to be judged by that token. Every path ends in the sessions table, so a revoked session,
 * an expired one or a disabled user is refused on the next request.
 */
export async function resolvePrincipal(
  db: Database,
  headers: Headers,
  secret: string,
): Promise<Principal | null> {
  const authorization = headers.get("authorization");
  let sessionId: string | null;
  if (authorization && /^bearer\s+/i.test(authorization)) {
    sessionId = await verifyAccessToken(authorization.replace(/^bearer\s+/i, "").trim(), secret);
  } else {
    sessionId = await sessionIdFromCookie(headers.get("cookie"), secret);
  }
  return sessionId ? loadSessionPrincipal(db, sessionId) : null;
}
