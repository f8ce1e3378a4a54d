/**
 * A browser's part in next-auth's credentials flow, over real HTTP: keeps cookies, fetches the
 * CSRF token, posts the form. Nothing here knows next-auth's internals beyond its routes.
 */
export class BrowserSession {
  readonly cookies = new Map<string, string>();

  constructor(private readonly origin: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("cookie", this.cookieHeader);
    const response = await fetch(`${this.origin}${path}`, { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const expired = attributes.some(
        (a) => /^\s*max-age=0\s*$/i.test(a) || /expires=thu, 01 jan 1970/i.test(a),
      );
      if (expired || eq === pair.length - 1) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
    return response;
  }

  async csrfToken(): Promise<string> {
    const response = await this.fetch("/api/auth/csrf");
    return ((await response.json()) as { csrfToken: string }).csrfToken;
  }

  /** Posts a form the way next-auth's client does (`json=true` answers `{ url }` instead of a redirect). */
  async postForm(path: string, fields: Record<string, string>): Promise<Response> {
    return this.fetch(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...fields, csrfToken: await this.csrfToken(), json: "true" }),
    });
  }

  signIn(login: string, password: string) {
    return this.postForm("/api/auth/callback/credentials", { login, password });
  }

  signOut() {
    return this.postForm("/api/auth/signout", {});
  }
}
