import { randomBytes } from "node:crypto";
import path from "node:path";
import mqtt, { type MqttClient } from "mqtt";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, selectTab, waitFor } from "./browser-session";
import { type ProductionStack, screenshotDir, startProductionStack } from "./production-stack";

const roles = ["admin", "supervisor", "technician", "viewer"] as const;
type Role = (typeof roles)[number];

describe.skipIf(!hasChromium)("the alarm pages in a browser, on the production build", () => {
  let stack: ProductionStack<Role>;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    stack = await startProductionStack({
      name: "alarm-pages",
      accounts: { supervisor: "supervisor", technician: "technician", viewer: "viewer" },
      // Production refuses webhooks without it (their secrets are stored encrypted).
      env: { ALARM_SECRETS_KEY: randomBytes(32).toString("base64") },
    });
  }, 900_000); // next build on a loaded two-core machine takes minutes
  afterAll(async () => {
    for (const client of clients) await client.endAsync().catch(() => undefined);
    await stack?.stop();
  });

  /** A registered RVM connected to the embedded broker, publishing as itself. */
  async function connectedRvm(name: string) {
    const { device, credential } = await stack.api<{ device: { id: string }; credential: string }>(
      "POST",
      "/devices",
      {
        type: "rvm",
        serialNumber: `RVM-${name.replaceAll(" ", "-").toUpperCase()}`,
        name,
        site: "Alarm Lab",
      },
    );
    const mqttPort = stack.mqttPort;
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
    await stack.api("POST", "/alarm-rules", {
      name: "Intake jammed",
      severity: "critical",
      scope: { deviceType: "rvm", site: "Alarm Lab" },
      condition: { kind: "state", metric: "jam", equals: 1, forSeconds: 0 },
    });
    const first = await connectedRvm("Jam RVM 1");
    const second = await connectedRvm("Jam RVM 2");

    const { page } = await stack.openPage();
    await stack.signIn(page, "technician", "/alarms");
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
    const { page } = await stack.openPage();
    await stack.signIn(page, "viewer", "/alarms");
    const rows = alarmTable(page).locator("tbody tr", { hasText: "Intake jammed" });
    await waitFor("the open alarm in the viewer's console", async () => (await rows.count()) === 1);
    expect(await page.getByRole("button", { name: /Acknowledge|Clear/ }).count()).toBe(0);
    expect(await page.getByRole("checkbox").count()).toBe(0);

    const open = await stack.api<{ items: { id: string }[] }>("GET", "/alarms?status=open");
    const ids = open.items.map((alarm) => alarm.id);
    expect(ids.length).toBe(1);
    const refused = await stack.call("POST", "/alarms/acknowledge", { ids }, "viewer");
    expect(refused.status).toBe(403);
    const cleared = await stack.call("POST", "/alarms/clear", { ids }, "viewer");
    expect(cleared.status).toBe(403);
  });

  it("lets a supervisor backtest a draft rule and create it with a webhook whose secret is shown once", async () => {
    const { page } = await stack.openPage();
    await stack.signIn(page, "supervisor", "/alarms/rules");
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

    const rules = await stack.api<{ items: { name: string; condition: unknown; channels: unknown[] }[] }>(
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
    const technician = await stack.openPage();
    await stack.signIn(technician.page, "technician", "/alarms/rules");
    await technician.page.getByRole("row", { name: /PET bin full/ }).waitFor();
    expect(await technician.page.getByRole("button", { name: /New rule|Edit|Delete/ }).count()).toBe(0);
  });

  /** Set by the device page's test: the device whose Alarms tab the screenshots show. */
  let tabDeviceId: string | undefined;
  const alarmsTab = (page: Page) => page.getByRole("tab", { name: /^Alarms/ });

  it("shows a device's alarms in its page's Alarms tab, live; a technician acknowledges one there and the tab survives a reload", async () => {
    const rvm = await connectedRvm("Jam RVM 3");
    tabDeviceId = rvm.id;
    const { page } = await stack.openPage();
    await stack.signIn(page, "technician", `/devices/${rvm.id}`);
    await page.getByRole("heading", { name: "Jam RVM 3" }).waitFor();
    // Overview is the default: the tab is in the URL only once chosen.
    expect(await page.getByRole("tab", { name: "Overview" }).getAttribute("aria-selected")).toBe("true");
    await selectTab(alarmsTab(page));
    await page.waitForURL((url) => url.searchParams.get("tab") === "alarms");
    // Nothing raised yet: the empty tab names the rule that watches this device.
    await waitFor("the empty tab to name the rule watching the device", async () =>
      /Rules that watch it: .*Intake jammed/.test(
        (await page.locator('[data-slot="device-alarms-empty"]').textContent()) ?? "",
      ),
    );
    await waitForLive(page);
    await page.screenshot({ path: path.join(screenshotDir, "device-alarms-empty-light.png") });
    expect(await page.getByRole("link", { name: "Open in the alarm console" }).getAttribute("href")).toBe(
      `/alarms?device=${rvm.id}&status=all`,
    );

    await rvm.publishJam("jam-3", 1);
    const row = alarmTable(page).locator("tbody tr", { hasText: "Intake jammed" });
    await waitFor(
      "the raised alarm to reach the tab without a reload",
      async () => (await row.count()) === 1,
    );
    expect(await row.locator('[data-slot="alarm-severity-badge"]').getAttribute("data-severity")).toBe(
      "critical",
    );
    expect(await row.locator("[data-status]").getAttribute("data-status")).toBe("active");
    // Times are in the reader's zone with UTC on hover.
    expect(await row.locator("time").first().getAttribute("title")).toMatch(/UTC$/);
    await waitFor("the tab's badge to count the active alarm", async () =>
      (await alarmsTab(page).locator('[data-slot="active-alarm-count"]').textContent())?.startsWith("1"),
    );
    await page.screenshot({ path: path.join(screenshotDir, "device-alarms-active-light.png") });

    await row.getByRole("button", { name: "Acknowledge" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Comment (optional)").fill("On site in ten minutes");
    await dialog.getByRole("button", { name: "Acknowledge" }).click();
    await dialog.waitFor({ state: "hidden" });
    await waitFor(
      "the tab's row to show the alarm as acknowledged",
      async () => (await row.locator("[data-status]").getAttribute("data-status")) === "acknowledged",
    );
    await waitFor(
      "the tab's badge to go once nothing is active",
      async () => (await alarmsTab(page).locator('[data-slot="active-alarm-count"]').count()) === 0,
    );
    expect(await row.getByRole("button", { name: "Acknowledge" }).count()).toBe(0);

    await page.reload();
    await row.waitFor();
    expect(await alarmsTab(page).getAttribute("aria-selected")).toBe("true");
    expect(await row.locator("[data-status]").getAttribute("data-status")).toBe("acknowledged");
    // Back after another tab returns to the Alarms tab.
    await selectTab(page.getByRole("tab", { name: "Events" }));
    await page.waitForURL((url) => url.searchParams.get("tab") === "events");
    await page.goBack();
    await row.waitFor();
    expect(await alarmsTab(page).getAttribute("aria-selected")).toBe("true");

    // A viewer reads the same tab from a link but is offered no action.
    const viewer = await stack.openPage();
    await stack.signIn(viewer.page, "viewer", `/devices/${rvm.id}?tab=alarms`);
    const viewerRow = alarmTable(viewer.page).locator("tbody tr", { hasText: "Intake jammed" });
    await viewerRow.waitFor();
    expect(await alarmsTab(viewer.page).getAttribute("aria-selected")).toBe("true");
    expect(await viewer.page.getByRole("button", { name: /Acknowledge|Clear/ }).count()).toBe(0);
    // The tab's link opens the console on this device's alarms only.
    await viewer.page.getByRole("link", { name: "Open in the alarm console" }).click();
    await viewer.page.waitForURL((url) => url.pathname === "/alarms");
    const consoleRows = alarmTable(viewer.page).locator("tbody tr");
    await waitFor("the console filtered to the device", async () => {
      const texts = await consoleRows.allTextContents();
      return texts.length === 1 && texts[0]?.includes("Jam RVM 3");
    });
  });

  it("shows an admin's edit of a device in its page's Activity tab with the audit log's diff; a technician has no such tab", async () => {
    const { device } = await stack.api<{ device: { id: string } }>("POST", "/devices", {
      type: "rvm",
      serialNumber: "RVM-AUDITED-1",
      name: "Audited RVM",
      site: "Alarm Lab",
    });
    await stack.api("PATCH", `/devices/${device.id}`, { name: "Audited RVM (lobby)", tags: ["lobby"] });
    // Another device's edit stays out of this device's trail.
    const { device: other } = await stack.api<{ device: { id: string } }>("POST", "/devices", {
      type: "rvm",
      serialNumber: "RVM-AUDITED-2",
      name: "Other RVM",
      site: "Alarm Lab",
    });
    await stack.api("PATCH", `/devices/${other.id}`, { name: "Other RVM (renamed)" });

    const { page } = await stack.openPage();
    await stack.signIn(page, "admin", `/devices/${device.id}`);
    await page.getByRole("heading", { name: "Audited RVM (lobby)" }).waitFor();
    await selectTab(page.getByRole("tab", { name: "Activity" }));
    await page.waitForURL((url) => url.searchParams.get("tab") === "activity");
    const table = page.getByRole("table", { name: "Device activity" });
    const rows = table.locator("tbody tr");
    await waitFor("the device's two audit rows", async () => (await rows.count()) === 2);
    // Newest first, by the admin (named once the user list has loaded: until then the actor
    // shows as the start of its id), times in the reader's zone with UTC on hover.
    await waitFor("the rows to name the admin, newest first", async () => {
      const [newest, oldest] = await rows.allTextContents();
      return /admin.*device\.update/.test(newest ?? "") && /admin.*device\.create/.test(oldest ?? "");
    });
    expect(await rows.nth(0).locator("time").getAttribute("title")).toMatch(/UTC$/);
    expect(await page.getByRole("link", { name: "Open in audit log" }).getAttribute("href")).toBe(
      `/audit?target=device&targetId=${device.id}`,
    );

    await rows
      .nth(0)
      .getByRole("button", { name: /^Open device\.update/ })
      .click();
    const drawer = page.getByRole("dialog");
    const changed = drawer.getByRole("table", { name: "Changes" }).locator("tr[data-changed]");
    await waitFor("the drawer's diff to list the changed fields", async () => (await changed.count()) >= 2);
    expect(await changed.allTextContents()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^nameAudited RVMAudited RVM \(lobby\)$/),
        expect.stringMatching(/^tags\[\]\["lobby"\]$/),
      ]),
    );
    await page.screenshot({ path: path.join(screenshotDir, "device-activity-drawer-light.png") });
    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "hidden" });
    // A pointer opens a row anywhere on it, here on the older row's action.
    const olderAction = await rows.nth(1).locator("td").nth(2).boundingBox();
    if (!olderAction) throw new Error("the older activity row's action cell has no box");
    await page.mouse.click(olderAction.x + olderAction.width / 2, olderAction.y + olderAction.height / 2);
    await drawer.getByRole("heading", { name: "device.create" }).waitFor();
    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "hidden" });

    // The link opens the audit log filtered to this device.
    await page.getByRole("link", { name: "Open in audit log" }).click();
    await page.waitForURL((url) => url.pathname === "/audit");
    const logRows = page.getByRole("table", { name: "Audit log" }).locator("tbody tr");
    await waitFor("the audit log filtered to the device", async () => (await logRows.count()) === 2);

    for (const theme of ["light", "dark"] as const) {
      const themed = await stack.openPage(theme);
      await stack.signIn(themed.page, "admin", `/devices/${device.id}?tab=activity`);
      await themed.page.getByRole("table", { name: "Device activity" }).locator("tbody tr").nth(1).waitFor();
      await themed.page.screenshot({
        path: path.join(screenshotDir, `device-activity-${theme}.png`),
        fullPage: true,
      });
    }

    // A technician may not read the audit trail: no tab, and a link to it opens the overview.
    const technician = await stack.openPage();
    await stack.signIn(technician.page, "technician", `/devices/${device.id}?tab=activity`);
    await technician.page.getByRole("heading", { name: "Audited RVM (lobby)" }).waitFor();
    expect(await technician.page.getByRole("tab", { name: "Overview" }).getAttribute("aria-selected")).toBe(
      "true",
    );
    expect(await technician.page.getByRole("tab", { name: "Activity" }).count()).toBe(0);
    expect(await technician.page.getByRole("table", { name: "Device activity" }).count()).toBe(0);
  });

  it("turns a never-seen device's header online and seen just now without a reload once it publishes", async () => {
    const created = await stack.api<{ device: { id: string }; credential: string }>("POST", "/devices", {
      type: "rvm",
      serialNumber: "RVM-FIRST-WORDS",
      name: "First words RVM",
      site: "Live Lab",
    });
    const { page } = await stack.openPage();
    await stack.signIn(page, "viewer", `/devices/${created.device.id}`);
    const status = page.locator('main [data-slot="device-status-badge"]');
    const connectivity = page.locator('main [data-slot="connectivity-badge"]');
    await status.waitFor();
    expect(await status.getAttribute("data-status")).toBe("provisioned");
    expect(await connectivity.textContent()).toContain("seen never");
    // The page's live stream must be up before the message, or it starts after it.
    await waitForLive(page);

    await stack.publishAs({ id: created.device.id, credential: created.credential }, [
      { metric: "jam", value: 0 },
    ]);
    // Well within the page's 60 s poll: only the live stream's refetch gets it there in time.
    await waitFor(
      "the header's status badge to turn online without a reload",
      async () => (await status.getAttribute("data-status")) === "online",
      40_000,
    );
    expect(await connectivity.getAttribute("data-connected")).toBe("true");
    expect(await connectivity.getAttribute("title")).toMatch(/^Last message \d{4}-/);
    expect(
      await page
        .getByRole("definition")
        .filter({ hasText: /^never$/ })
        .count(),
    ).toBe(0);
  }, 90_000);

  it("renders the alarm pages in light and dark for a person to look at", async () => {
    for (const theme of ["light", "dark"] as const) {
      const { page } = await stack.openPage(theme);
      await stack.signIn(page, "admin", "/alarms?status=all");
      await waitFor(
        "the alarm table to load",
        async () => (await alarmTable(page).getAttribute("aria-busy")) === "false",
      );
      // The badge's count is fetched by the browser after hydration; one alarm is still open.
      await badge(page).waitFor();
      await page.screenshot({ path: path.join(screenshotDir, `alarms-${theme}.png`), fullPage: true });
      await page.goto(`${stack.url}/alarms/rules`);
      await page.getByRole("row", { name: /PET bin full/ }).waitFor();
      await badge(page).waitFor();
      await page.screenshot({ path: path.join(screenshotDir, `alarm-rules-${theme}.png`), fullPage: true });
      await page
        .getByRole("row", { name: /PET bin full/ })
        .getByRole("button", { name: "Edit" })
        .click();
      await page.getByRole("dialog").getByText("Keeps its signing secret").waitFor();
      await page.screenshot({ path: path.join(screenshotDir, `alarm-rule-editor-${theme}.png`) });
      await page.keyboard.press("Escape");
      await page.goto(`${stack.url}/devices/${tabDeviceId}?tab=alarms`);
      await alarmTable(page).locator("tbody tr", { hasText: "Intake jammed" }).waitFor();
      await page.screenshot({ path: path.join(screenshotDir, `device-alarms-${theme}.png`), fullPage: true });
    }
  }, 120_000);
});
