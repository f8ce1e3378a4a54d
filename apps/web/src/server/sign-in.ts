/** What the sign-in page shows and where it sends people; shared by the page and the auth route. */

export const signInErrors = {
  credentials: "CredentialsSignin",
  rateLimited: "RateLimited",
} as const;

/** Added by `/sign-in/csrf` once it has set the CSRF cookie (see there). */
export const csrfCookieSentMarker = { name: "csrf", value: "sent" } as const;

/**
 * Only paths on this site: a crafted link must not send someone elsewhere after signing in.
 * next-auth hands the page absolute URLs of its own origin, which are reduced to their path.
 */
export function safeCallbackUrl(value: unknown, host?: string | null): string {
  if (typeof value !== "string") return "/";
  if (value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\")) return value;
  try {
    const url = new URL(value);
    if (host && url.host === host && (url.protocol === "http:" || url.protocol === "https:")) {
      return `${url.pathname}${url.search}${url.hash}`;
    }
  } catch {
    // not a URL at all
  }
  return "/";
}

export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many attempts; try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

export function signInPath(params: { callbackUrl: string; error?: string; retryAfter?: number }): string {
  const query = new URLSearchParams({ callbackUrl: params.callbackUrl });
  if (params.error) query.set("error", params.error);
  if (params.retryAfter !== undefined) query.set("retryAfter", String(params.retryAfter));
  return `/sign-in?${query}`;
}

/**
 * next-auth answers a wrong login with `CredentialsSignin`, the same for an unknown account, a
 * wrong password and a disabled one, so the message cannot say more either.
 */
export function signInErrorMessage(error: string | undefined, retryAfter: string | undefined): string | null {
  if (!error) return null;
  if (error === signInErrors.credentials) return "Wrong email/username or password.";
  if (error === signInErrors.rateLimited) {
    const seconds = Number(retryAfter);
    return Number.isFinite(seconds) && seconds > 0
      ? tooManyAttemptsMessage(seconds)
      : "Too many attempts; try again later.";
  }
  return "Signing in failed. Try again.";
}
