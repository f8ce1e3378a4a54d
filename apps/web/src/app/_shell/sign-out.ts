/**
 * next-auth's sign-out as `next-auth/react`'s `signOut` does it (its CSRF token, then a POST
 * that revokes the session row), without loading that module's 14 kB into every staff page;
 * `pnpm bench:web` measures the pages' first-load JS.
 */
export async function signOut(callbackUrl = "/sign-in"): Promise<void> {
  const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl, json: "true" }),
  });
  const { url } = (await response.json().catch(() => ({}))) as { url?: string };
  // A full load: every cached query of the signed-out user goes with the page.
  window.location.href = url ?? callbackUrl;
}
