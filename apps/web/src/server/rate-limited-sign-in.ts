import { retryAfterFromSignInError } from "@revolv/auth/next-auth";
import { safeCallbackUrl, signInErrors, signInPath, tooManyAttemptsMessage } from "./sign-in";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Where next-auth sent the browser: `Location`, or `{ url }` when its client asked for JSON. */
async function redirectTarget(response: Response, json: boolean): Promise<string | null> {
  if (!json) return response.headers.get("location");
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { url?: unknown } | null;
  return typeof body?.url === "string" ? body.url : null;
}

/**
 * next-auth answers a credentials sign-in that `authorize` refused for the rate limit like a
 * wrong password (401, or a redirect), without `Retry-After`. This turns that answer into what
 * REST and tRPC answer, 429 with `Retry-After`, keeping next-auth's cookies:
 * - to next-auth's client (`json=true`), `{ url }` of the sign-in page showing the wait;
 * - to a plain form post (no JavaScript), a short page that says the wait and moves on to the
 *   sign-in form showing it (a meta refresh, which needs no script).
 * Any other answer is passed on untouched.
 */
export async function answerRateLimitedSignIn(
  response: Response,
  form: URLSearchParams,
  host: string | null,
): Promise<Response> {
  const json = form.get("json") === "true";
  const target = await redirectTarget(response, json);
  if (!target) return response;
  const retryAfter = retryAfterFromSignInError(new URL(target, "http://localhost").searchParams.get("error"));
  if (retryAfter === null) return response;

  const path = signInPath({
    callbackUrl: safeCallbackUrl(form.get("callbackUrl"), host),
    error: signInErrors.rateLimited,
    retryAfter,
  });
  const headers = new Headers({ "retry-after": String(retryAfter), "cache-control": "no-store" });
  for (const cookie of response.headers.getSetCookie()) headers.append("set-cookie", cookie);

  if (json) {
    headers.set("content-type", "application/json");
    const url = new URL(path, target).toString();
    return new Response(JSON.stringify({ url }), { status: 429, headers });
  }
  const message = escapeHtml(tooManyAttemptsMessage(retryAfter));
  const href = escapeHtml(path);
  headers.set("content-type", "text/html; charset=utf-8");
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=${href}"><title>Too many attempts</title></head><body><p>${message} <a href="${href}">Back to sign-in</a></p></body></html>`;
  return new Response(page, { status: 429, headers });
}
