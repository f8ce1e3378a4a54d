import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import mqtt, { type MqttClient } from "mqtt";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "./production-build";
import { type RunningServer, startServer } from "./start-server";

/** Debian's Chromium, with the flags that keep it from calling home (TOOLCHAIN.md). */
const chromiumPath = "/usr/bin/chromium";
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const appDir = path.resolve(import.meta.dirname, "..");
/** Git-ignored; a person looks at these before calling a page done. */
const screenshotDir = path.join(appDir, ".screenshots");
/** Shared with the other browser test files: one `next build` for all of them. */
const distDir = ".next-test/staff-pages";

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  ms = 60_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const hasChromium = existsSync(chromiumPath);
if (!hasChromium && process.env.CI) throw new Error(`CI must provide Chromium at ${chromiumPath}`);

const roles = ["admin", "supervisor", "technician", "viewer"] as const;
type Role = (typeof roles)[number];

describe.skipIf(!hasChromium)("the alarm pages in a browser, on the production build", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-alarm-pages-"));
  let server: RunningServer;
  let browser: Browser;
  const passwords = {} as Record<Role, string>;
  const tokens = {} as Record<Role, string>;
  const contexts: BrowserContext[] = [];
  const clients: MqttClient[] = [];

  async function call(role: Role, method: string, route: string, body?: unknown) {
    return fetch(`${server.url}/api/v1${route}`, {
      method,
      headers: { "content-type": "application/json", authorization: `Bearer ${tokens[role]}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }
  async function api<T>(method: string, route: string, body?: unknown): Promise<T> {
    const response = await call("admin", method, route, body);
    if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }
  async function tokenOf(login: string, password: string) {
    const response = await fetch(`${server.url}/api/v1/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login, password }),
    });
    return ((await response.json()) as { token: string }).token;
  }

  beforeAll(async () => {
    await buildApp(distDir);
    server = await startServer({
      DATA_DIR: dataDir,
      NODE_ENV: "production",
      REVOLV_EMBEDDED: "1",
      AUTH_SECRET: randomBytes(32).toString("base64"),
      // Production refuses webhooks without it (their secrets are stored encrypted).
      ALARM_SECRETS_KEY: randomBytes(32).toString("base64"),
      NEXT_DIST_DIR: distDir,
    });
    const printed = /first admin created: \S+ \/ password (\S+)/.exec(server.output());
    if (!printed?.[1]) throw new Error(`no admin password in the server output:\n${server.output()}`);
    passwords.admin = printed[1];
    tokens.admin = await tokenOf("admin", passwords.admin);
    for (const role of roles.filter((r) => r !== "admin")) {
      passwords[role] = `a long password for the ${role}`;
      await api("POST", "/users", {
        username: role,
        email: `${role}@example.com`,
        password: passwords[role],
        role,
      });
      tokens[role] = await tokenOf(role, passwords[role]);
    }
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
    mkdirSync(screenshotDir, { recursive: true });
  }, 900_000); // next build on a loaded two-core machine takes minutes
  afterAll(async () => {
    for (const client of clients) await client.endAsync().catch(() => undefined);
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function openPage(theme?: "light" | "dark") {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    if (theme) await context.addCookies([{ name: "theme", value: theme, url: server.url }]);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    return { context, page };
  }

  async function signIn(page: Page, role: Role, callbackUrl: string) {
    await page.goto(`${server.url}/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await page.fill('input[name="login"]', role);
    await page.fill('input[name="password"]', passwords[role]);
    await Promise.all([
      page.waitForURL((url) => url.pathname !== "/sign-in"),
      page.click('button[type="submit"]'),
    ]);
  }

  /** A registered RVM connected to the embedded broker, publishing as itself. */
  async function connectedRvm(name: string) {
    const { device, credential } = await api<{ device: { id: string }; credential: string }>(
      "POST",
      "/devices",
      {
        type: "rvm",
        serialNumber: `RVM-${name.replaceAll(" ", "-").toUpperCase()}`,
        name,
        site: "Alarm Lab",
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
    return {
      id: device.id,
      publishJam: (messageId: string, jammed: 0 | 1) =>
        client.publishAsync(
          `devices/${device.id}/telemetry`,
          JSON.stringify({
            v: 1,
            messageId,
            deviceTime: new Date().toISOString(),
            readings: [{ metric: "jam", value: jammed }],
          }),
          { qos: 1 },
        ),
    };
  }

  const badge = (page: Page) => page.locator('[data-slot="app-sidebar"] [data-slot="alarm-badge"]');
  const alarmTable = (page: Page) => page.getByRole("table", { name: "Alarms" });
  async function waitForLive(page: Page) {
    await waitFor(
      "the console's live stream to connect",
      async () => (await page.locator("[data-live]").getAttribute("data-live")) === "pending",
    );
  }

  it("shows raised alarms in the console and the navigation badge without a reload; a technician bulk-acknowledges them", async () => {
    await api("POST", "/alarm-rules", {
      name: "Intake jammed",
      severity: "critical",
      scope: { deviceType: "rvm", site: "Alarm Lab" },
      condition: { kind: "state", metric: "jam", equals: 1, forSeconds: 0 },
    });
    const first = await connectedRvm("Jam RVM 1");
    const second = await connectedRvm("Jam RVM 2");

    const { page } = await openPage();
    await signIn(page, "technician", "/alarms");
    expect(new URL(page.url()).pathname).toBe("/alarms");
    await page.getByText("No open alarms").waitFor();
    expect(await badge(page).count()).toBe(0);
    await waitForLive(page);

    await first.publishJam("jam-1", 1);
    await second.publishJam("jam-2", 1);
    const rows = alarmTable(page).locator("tbody tr", { hasText: "Intake jammed" });
    await waitFor(
      "both alarms to reach the console without a reload",
      async () => (await rows.count()) === 2,
    );
    await waitFor("the navigation badge to count both", async () =>
      (await badge(page).textContent())?.startsWith("2"),
    );
    expect(
      await rows.first().locator('[data-slot="alarm-severity-badge"]').getAttribute("data-severity"),
    ).toBe("critical");
    await page.screenshot({ path: path.join(screenshotDir, "alarms-console-light.png"), fullPage: true });

    await page.getByRole("checkbox", { name: "Select all rows on this page" }).click();
    await page.getByRole("button", { name: "Acknowledge selected" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Comment (optional)").fill("Driver on the way");
    await dialog.getByRole("button", { name: "Acknowledge" }).click();
    await dialog.waitFor({ state: "hidden" });
    await waitFor(
      "both alarms to show as acknowledged",
      async () => (await alarmTable(page).locator('tbody [data-status="acknowledged"]').count()) === 2,
    );
    // Acknowledged alarms are still open: the badge keeps counting them.
    expect(await badge(page).textContent()).toMatch(/^2/);

    await rows.first().getByRole("button", { name: "Intake jammed" }).click();
    const drawer = page.getByRole("dialog");
    await drawer.locator('[data-slot="alarm-transitions"] [data-kind="acknowledged"]').waitFor();
    expect(
      await drawer
        .locator('[data-slot="alarm-transitions"] li')
        .evaluateAll((items) => items.map((i) => i.getAttribute("data-kind"))),
    ).toEqual(["raised", "acknowledged"]);
    expect(await drawer.textContent()).toContain("Driver on the way");
    await page.screenshot({ path: path.join(screenshotDir, "alarms-drawer-light.png") });
    await page.keyboard.press("Escape");

    // The jam clearing clears the alarm by its condition: it leaves the open list and the badge.
    await first.publishJam("jam-1-clear", 0);
    await waitFor("the cleared alarm to leave the open list", async () => (await rows.count()) === 1);
    await waitFor("the badge to count one", async () => (await badge(page).textContent())?.startsWith("1"));
  });

  it("offers a viewer no acknowledge or clear action, and the API refuses it", async () => {
    const { page } = await openPage();
    await signIn(page, "viewer", "/alarms");
    const rows = alarmTable(page).locator("tbody tr", { hasText: "Intake jammed" });
    await waitFor("the open alarm in the viewer's console", async () => (await rows.count()) === 1);
    expect(await page.getByRole("button", { name: /Acknowledge|Clear/ }).count()).toBe(0);
    expect(await page.getByRole("checkbox").count()).toBe(0);

    const open = await api<{ items: { id: string }[] }>("GET", "/alarms?status=open");
    const ids = open.items.map((alarm) => alarm.id);
    expect(ids.length).toBe(1);
    const refused = await call("viewer", "POST", "/alarms/acknowledge", { ids });
    expect(refused.status).toBe(403);
    const cleared = await call("viewer", "POST", "/alarms/clear", { ids });
    expect(cleared.status).toBe(403);
  });

  it("lets a supervisor backtest a draft rule and create it with a webhook whose secret is shown once", async () => {
    const { page } = await openPage();
    await signIn(page, "supervisor", "/alarms/rules");
    await page.getByRole("row", { name: /Intake jammed/ }).waitFor();
    await page.getByRole("button", { name: "New rule" }).click();
    const editor = page.getByRole("dialog");
    await editor.getByLabel("Name").fill("PET bin full");
    await editor.getByRole("button", { name: "Backtest 24 h" }).click();
    await waitFor("the backtest's answer", async () =>
      (await editor.locator('[data-slot="backtest-result"]').textContent())?.startsWith(
        "Over the last 24 hours",
      ),
    );
    await editor.getByRole("button", { name: "Add webhook" }).click();
    await editor.getByLabel("Webhook URL").fill("https://example.com/revolv-alarms");
    await page.screenshot({ path: path.join(screenshotDir, "alarms-rule-editor-light.png") });
    await editor.getByRole("button", { name: "Create rule" }).click();
    const secret = editor.getByLabel("Signing secret for https://example.com/revolv-alarms");
    await secret.waitFor();
    expect((await secret.inputValue()).length).toBeGreaterThanOrEqual(16);
    await editor.getByRole("button", { name: "Done" }).click();
    await page.getByRole("row", { name: /PET bin full/ }).waitFor();

    const rules = await api<{ items: { name: string; condition: unknown; channels: unknown[] }[] }>(
      "GET",
      "/alarm-rules",
    );
    const created = rules.items.find((rule) => rule.name === "PET bin full");
    expect(created?.condition).toMatchObject({
      kind: "threshold",
      metric: "bin_fill_pet_pct",
      threshold: 90,
    });
    expect(JSON.stringify(created?.channels)).not.toContain("secret");

    // A technician reads the rules but is offered no editing.
    const technician = await openPage();
    await signIn(technician.page, "technician", "/alarms/rules");
    await technician.page.getByRole("row", { name: /PET bin full/ }).waitFor();
    expect(await technician.page.getByRole("button", { name: /New rule|Edit|Delete/ }).count()).toBe(0);
  });

  it("renders the alarm pages in light and dark for a person to look at", async () => {
    for (const theme of ["light", "dark"] as const) {
      const { page } = await openPage(theme);
      await signIn(page, "admin", "/alarms?status=all");
      await waitFor(
        "the alarm table to load",
        async () => (await alarmTable(page).getAttribute("aria-busy")) === "false",
      );
      // The badge's count is fetched by the browser after hydration; one alarm is still open.
      await badge(page).waitFor();
      await page.screenshot({ path: path.join(screenshotDir, `alarms-${theme}.png`), fullPage: true });
      await page.goto(`${server.url}/alarms/rules`);
      await page.getByRole("row", { name: /PET bin full/ }).waitFor();
      await badge(page).waitFor();
      await page.screenshot({ path: path.join(screenshotDir, `alarm-rules-${theme}.png`), fullPage: true });
      await page
        .getByRole("row", { name: /PET bin full/ })
        .getByRole("button", { name: "Edit" })
        .click();
      await page.getByRole("dialog").getByText("Keeps its signing secret").waitFor();
      await page.screenshot({ path: path.join(screenshotDir, `alarm-rule-editor-${theme}.png`) });
    }
  }, 120_000);
});
