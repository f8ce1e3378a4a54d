import { createHash, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";

/** next-auth's double-submit cookie: `__Host-` prefixed over https, plain over http. */
const csrfCookieNames = ["__Host-next-auth.csrf-token", "next-auth.csrf-token"];

/**
 * The CSRF token next-auth expects back in the sign-in form, read from the cookie it set:
 * `<token>|<sha256 of token and secret>`, checked as next-auth checks it, so a cookie left over
 * from another secret (a reset dev data dir) is replaced rather than rendered into a form that
 * would fail. Rendered by the server, signing in needs no client JavaScript.
 */
export async function csrfTokenFromCookie(secret: string): Promise<string | null> {
  const jar = await cookies();
  for (const name of csrfCookieNames) {
    const value = jar.get(name)?.value;
    if (!value) continue;
    const [token = "", hash = ""] = decodeURIComponent(value).split("|");
    const expected = createHash("sha256").update(`${token}${secret}`).digest("hex");
    if (hash.length === expected.length && timingSafeEqual(Buffer.from(hash), Buffer.from(expected))) {
      return token;
    }
  }
  return null;
}
