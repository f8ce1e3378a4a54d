import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import mqtt, { type MqttClient } from "mqtt";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchChromium, waitFor } from "./browser-session";
import { buildApp } from "./production-build";
import { type RunningServer, startServer } from "./start-server";

const appDir = path.resolve(import.meta.dirname, "..");
/** Git-ignored; a person looks at these before calling a page done. */
const screenshotDir = path.join(appDir, ".screenshots");
/** Shared with the other browser test files: one `next build` for all of them. */
const distDir = ".next-test/staff-pages";

const roles = ["admin", "supervisor", "viewer"] as const;
type Role = (typeof roles)[number];

describe.skipIf(!hasChromium)("the pipeline page in a browser, on the production build", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-pipeline-page-"));
  let server: RunningServer;
  let browser: Browser;
  const passwords = {} as Record<Role, string>;
  let adminToken = "";
  const contexts: BrowserContext[] = [];
  const clients: MqttClient[] = [];

  async function api<T>(method: string, route: string, body?: unknown): Promise<T> {
    const response = await fetch(`${server.url}/api/v1${route}`, {
      method,
      headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  beforeAll(async () => {
    await buildApp(distDir);
    server = await startServer({
      DATA_DIR: dataDir,
      NODE_ENV: "production",
      REVOLV_EMBEDDED: "1",
      AUTH_SECRET: randomBytes(32).toString("base64"),
      NEXT_DIST_DIR: distDir,
    });
    const printed = /first admin created: \S+ \/ password (\S+)/.exec(server.output());
    if (!printed?.[1]) throw new Error(`no admin password in the server output:\n${server.output()}`);
    passwords.admin = printed[1];
    const token = await fetch(`${server.url}/api/v1/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: "admin", password: passwords.admin }),
    });
    adminToken = ((await token.json()) as { token: string }).token;
    for (const role of roles.filter((r) => r !== "admin")) {
      passwords[role] = `a long password for the ${role}`;
      await api("POST", "/users", {
        username: role,
        email: `${role}@example.com`,
        password: passwords[role],
        role,
      });
    }
    browser = await launchChromium();
    mkdirSync(screenshotDir, { recursive: true });
  }, 900_000); // next build on a loaded two-core machine takes minutes
  afterAll(async () => {
    for (const client of clients) await client.endAsync().catch(() => undefined);
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function openPage(role: Role, theme: "light" | "dark" = "light") {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    await context.addCookies([{ name: "theme", value: theme, url: server.url }]);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${server.url}/sign-in?callbackUrl=${encodeURIComponent("/pipeline")}`);
    await page.fill('input[name="login"]', role);
    await page.fill('input[name="password"]', passwords[role]);
    await Promise.all([
      page.waitForURL((url) => url.pathname !== "/sign-in"),
      page.click('button[type="submit"]'),
    ]);
    return page;
  }

  /** An RVM publishing a Soundbox's metric: the worker refuses it as `metric_not_for_device_type`. */
  async function publishMisfiledReading(): Promise<string> {
    const { device, credential } = await api<{ device: { id: string }; credential: string }>(
      "POST",
      "/devices",
      {
        type: "rvm",
        serialNumber: "RVM-PIPELINE-1",
        name: "Pipeline RVM",
        site: "Pipeline Lab",
      },
    );
    const mqttPort = Number(/mqtt: aedes broker on :(\d+)/.exec(server.output())?.[1]);
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
      clientId: device.id,
      username: device.id,
      password: credential,
      reconnectPeriod: 0,
    });
    clients.push(client);
    await client.publishAsync(
      `devices/${device.id}/telemetry`,
      JSON.stringify({
        v: 1,
        messageId: "misfiled-1",
        deviceTime: new Date().toISOString(),
        readings: [{ metric: "battery_pct", value: 40 }],
      }),
      { qos: 1 },
    );
    return device.id;
  }

  const deadLetterRows = (page: Page) =>
    page.getByRole("table", { name: "Dead letters" }).locator("tbody tr");

  it("shows a dead letter the real stack produced with its reason and device; an admin purges it after confirming, audited", async () => {
    const page = await openPage("admin");
    expect(new URL(page.url()).pathname).toBe("/pipeline");
    await page.getByText("No dead letters — every message was stored").waitFor();
    await page.screenshot({ path: path.join(screenshotDir, "pipeline-empty-light.png"), fullPage: true });

    const deviceId = await publishMisfiledReading();
    type Letters = { total: number; items: { deviceId: string | null; reason: string }[] };
    const letter = await waitFor(
      "the worker to dead-letter the misfiled reading",
      async () =>
        (await api<Letters>("GET", "/pipeline/dead-letters")).items.find((l) => l.deviceId === deviceId),
      90_000,
    ).catch(async (error: Error) => {
      const status = await api("GET", "/pipeline/status");
      throw new Error(
        `${error.message}; status ${JSON.stringify(status)}; server:\n${server.output().slice(-3000)}`,
      );
    });
    expect(letter.reason).toBe("metric_not_for_device_type");
    await page.reload();
    const row = deadLetterRows(page).filter({ hasText: letter.reason });
    await row.waitFor().catch(async (error: Error) => {
      await page.screenshot({ path: path.join(screenshotDir, "pipeline-failure.png"), fullPage: true });
      throw new Error(`${error.message}\npage: ${await page.locator("main").textContent()}`);
    });
    expect(await row.textContent()).toContain(deviceId);
    await waitFor(
      "the dead-letter figure to count it",
      async () => (await page.locator('[data-figure="dead-letters"]').textContent()) === "1",
    );
    for (const theme of ["light", "dark"] as const) {
      const shot = theme === "light" ? page : await openPage("admin", "dark");
      await deadLetterRows(shot).filter({ hasText: "metric_not_for_device_type" }).waitFor();
      await shot.screenshot({
        path: path.join(screenshotDir, `pipeline-dead-letter-${theme}.png`),
        fullPage: true,
      });
    }

    // A supervisor reads the same list and is offered no action on it (the API refuses them too).
    const supervisor = await openPage("supervisor");
    await deadLetterRows(supervisor).filter({ hasText: "metric_not_for_device_type" }).waitFor();
    expect(await supervisor.getByRole("button", { name: /Redrive|Purge/ }).count()).toBe(0);
    expect(await deadLetterRows(supervisor).getByRole("checkbox").count()).toBe(0);

    await row.getByRole("checkbox").check();
    await page.getByRole("button", { name: "Purge selected" }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByText("Purge the chosen dead letter?").waitFor();
    await page.screenshot({ path: path.join(screenshotDir, "pipeline-purge-confirm-light.png") });
    await dialog.getByRole("button", { name: "Purge" }).click();
    await page.getByText("No dead letters — every message was stored").waitFor();
    expect((await api<{ total: number }>("GET", "/pipeline/dead-letters")).total).toBe(0);

    const audit = await api<{ items: { action: string; after: { count: number; selection: string } }[] }>(
      "GET",
      "/audit-events?action=dead_letters.purge",
    );
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]?.after).toMatchObject({ count: 1, selection: "chosen" });
  }, 240_000);

  it("answers a viewer who types the address with the 403 page, and offers no link to it", async () => {
    const viewer = await openPage("viewer");
    const response = await viewer.goto(`${server.url}/pipeline`);
    expect(response?.status()).toBe(403);
    await viewer.screenshot({ path: path.join(screenshotDir, "pipeline-forbidden-light.png") });
    await viewer.goto(`${server.url}/`);
    expect(
      await viewer.locator('[data-slot="app-sidebar"] [data-slot="sidebar-nav-item"]').allTextContents(),
    ).not.toContain("Pipeline");
  });
});
