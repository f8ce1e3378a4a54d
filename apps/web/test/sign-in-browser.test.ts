import { mkdtempSync, rmSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchChromium, waitFor } from "./browser-session";
import { BrowserSession } from "./http-session";
import { type RunningServer, startServer } from "./start-server";

/** This machine's first non-loopback IPv4 address: what a colleague on the LAN would open. */
function lanAddress(): string | undefined {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === "IPv4" && !address.internal) return address.address;
    }
  }
  return undefined;
}

describe.skipIf(!hasChromium)("signing in from a browser, with and without JavaScript", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-sign-in-"));
  let server: RunningServer;
  let browser: Browser;
  let adminPassword: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    // Bound to every interface, as `pnpm dev` is by default, so the page is reachable at
    // 127.0.0.1 and at the LAN address, which Next must be told are this dev server's origins.
    server = await startServer(
      { DATA_DIR: dataDir, HOSTNAME: "0.0.0.0" },
      { warm: ["/sign-in", "/api/auth/csrf", "/", "/invite/warm-up", "/api/v1/me"] },
    );
    const printed = /first admin created: \S+ \/ password (\S+)/.exec(server.output());
    if (!printed?.[1]) throw new Error(`no admin password in the server output:\n${server.output()}`);
    adminPassword = printed[1];
    // launch() gives every run a fresh temporary profile (user-data-dir), removed on close.
    browser = await launchChromium();
  }, 300_000); // a cold dev server plus the warm-up compiles, on a loaded CI machine
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A fresh context (no cookies), recording the URL of every request the page makes. */
  async function openPage(javaScriptEnabled: boolean) {
    const context = await browser.newContext({ javaScriptEnabled });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(90_000); // a route's first compile on a shared 2-core machine
    const requests: { method: string; url: string }[] = [];
    page.on("request", (request) => requests.push({ method: request.method(), url: request.url() }));
    return { page, requests };
  }

  async function submitSignIn(page: Page, login: string, password: string) {
    await page.fill('input[name="login"]', login);
    await page.fill('input[name="password"]', password);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/api/auth/callback/credentials")),
      page.click('button[type="submit"]'),
    ]);
    await page.waitForLoadState("load");
    return response;
  }

  it("signs in with JavaScript off: a POST, the home page signed in, the password in no URL", async () => {
    const { page, requests } = await openPage(false);
    await page.goto(`${server.url}/sign-in`);
    expect(await page.locator("form").getAttribute("method")).toBe("post");
    const response = await submitSignIn(page, "admin", adminPassword);
    expect(response.request().method()).toBe("POST");

    expect(new URL(page.url()).pathname).toBe("/");
    expect(await page.textContent("main")).toContain("Signed in as admin");
    const leaks = requests.filter(
      ({ url }) => url.includes(adminPassword) || url.includes(encodeURIComponent(adminPassword)),
    );
    expect(leaks).toEqual([]);
    expect(requests.some(({ method, url }) => method === "GET" && url.includes("password="))).toBe(false);
  });

  it("keeps callbackUrl: signing in lands where the link said", async () => {
    const { page } = await openPage(false);
    await page.goto(`${server.url}/sign-in?callbackUrl=${encodeURIComponent("/?from=sign-in")}`);
    await submitSignIn(page, "admin@revolv.local", adminPassword);
    const landed = new URL(page.url());
    expect(`${landed.pathname}${landed.search}`).toBe("/?from=sign-in");
    expect(await page.textContent("main")).toContain("Signed in as admin");
  });

  it("shows a wrong password as an error on the form, with JavaScript off", async () => {
    const { page } = await openPage(false);
    await page.goto(`${server.url}/sign-in`);
    await submitSignIn(page, "admin", "not the admin password");
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect(await page.textContent('[role="alert"]')).toBe("Wrong email/username or password.");
    expect(await page.locator('input[name="csrfToken"]').count()).toBe(1);
  });

  it("answers a rate-limited sign-in with 429 and Retry-After, and the form shows the wait", async () => {
    const { page } = await openPage(false);
    await page.goto(`${server.url}/sign-in`);
    // An unknown account is limited like a known one: 5 failures within 15 minutes.
    for (let i = 0; i < 5; i++) {
      const wrong = await submitSignIn(page, "limited-user", "not the password");
      expect(wrong.status()).toBe(302);
    }
    const limited = await submitSignIn(page, "limited-user", "not the password");
    expect(limited.status()).toBe(429);
    expect(await limited.headerValue("retry-after")).toMatch(/^[1-9]\d*$/);
    await page.waitForURL(
      (url) => url.pathname === "/sign-in" && url.searchParams.get("error") === "RateLimited",
    );
    expect(await page.textContent('[role="alert"]')).toBe("Too many attempts; try again in 15 minutes.");

    // next-auth's own client (JSON mode) gets the same status and header, and the page to show.
    const session = new BrowserSession(server.url);
    const json = await session.signIn("limited-user", "not the password");
    expect(json.status).toBe(429);
    expect(Number(json.headers.get("retry-after"))).toBeGreaterThan(0);
    const { url } = (await json.json()) as { url: string };
    expect(new URL(url).pathname).toBe("/sign-in");
    expect(new URL(url).searchParams.get("error")).toBe("RateLimited");
  }, 180_000); // six argon2id checks and as many dev-server renders, slow on a loaded machine

  it("lets an invitee set a password from the invitation link, with JavaScript off, once", async () => {
    const token = await fetch(`${server.url}/api/v1/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: "admin", password: adminPassword }),
    });
    const authorization = `Bearer ${((await token.json()) as { token: string }).token}`;
    const invited = await fetch(`${server.url}/api/v1/invitations`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization },
      body: JSON.stringify({ email: "ivy@example.com", role: "technician" }),
    });
    expect(invited.status).toBe(200);
    const { path: invitePath } = (await invited.json()) as { path: string };

    const { page, requests } = await openPage(false);
    const password = "a long new password for ivy";
    await page.goto(`${server.url}${invitePath}`);
    await page.fill('input[name="username"]', "ivy");
    await page.fill('input[name="password"]', password);
    await page.fill('input[name="confirmPassword"]', password);
    await Promise.all([
      page.waitForURL((url) => url.pathname === "/sign-in"),
      page.click('button[type="submit"]'),
    ]);
    expect(await page.textContent('[role="status"]')).toContain("Your account is ready");

    await submitSignIn(page, "ivy", password);
    expect(await page.textContent("main")).toContain("Signed in as ivy (technician)");
    expect(requests.filter(({ url }) => url.includes(encodeURIComponent(password)))).toEqual([]);

    // The link is spent.
    const again = await openPage(false);
    await again.page.goto(`${server.url}${invitePath}`);
    await again.page.fill('input[name="username"]', "ivy-again");
    await again.page.fill('input[name="password"]', password);
    await again.page.fill('input[name="confirmPassword"]', password);
    await again.page.click('button[type="submit"]');
    await again.page.waitForSelector('[role="alert"]');
    expect(await again.page.textContent('[role="alert"]')).toBe(
      "This invitation was already used; sign in instead",
    );
  }, 180_000);

  it("hydrates at 127.0.0.1 and at the machine's LAN address, not only at localhost", async () => {
    const port = new URL(server.url).port;
    const lan = lanAddress();
    const hosts = ["127.0.0.1", ...(lan ? [lan] : [])];
    for (const host of hosts) {
      const { page } = await openPage(true);
      const failed: string[] = [];
      page.on("response", (response) => {
        if (response.url().includes("/_next/") && response.status() >= 400) {
          failed.push(`${response.status()} ${response.url()}`);
        }
      });
      await page.goto(`http://${host}:${port}/sign-in`);
      // React marks the DOM nodes it hydrated; a page whose dev resources are refused never gets
      // them (Next's dev client keeps reloading it instead, which a probe may run into).
      await waitFor(`React to hydrate the sign-in form at ${host}`, () =>
        page
          .evaluate(() => {
            const form = document.querySelector("form");
            return Boolean(form && Object.keys(form).some((key) => key.startsWith("__reactFiber")));
          })
          .catch(() => false),
      );
      expect(failed, `dev resources refused at ${host}`).toEqual([]);
    }
    expect(server.output()).not.toContain("Blocked cross-origin request");
  });
});
