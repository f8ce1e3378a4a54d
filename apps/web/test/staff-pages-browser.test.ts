import path from "node:path";
import mqtt from "mqtt";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, selectTab, waitFor } from "./browser-session";
import { type ProductionStack, screenshotDir, startProductionStack } from "./production-stack";

const roles = ["admin", "supervisor", "technician", "viewer"] as const;
type Role = (typeof roles)[number];
/** What each role's sidebar offers: the permission matrix of packages/auth, as a user sees it. */
const expectedNavigation: Record<Role, string[]> = {
  admin: ["Overview", "Devices", "Alarms", "Pipeline", "Users", "Audit log", "Account"],
  supervisor: ["Overview", "Devices", "Alarms", "Pipeline", "Users", "Audit log", "Account"],
  technician: ["Overview", "Devices", "Alarms", "Account"],
  viewer: ["Overview", "Devices", "Alarms", "Account"],
};

describe.skipIf(!hasChromium)("the staff pages in a browser, on the production build", () => {
  let stack: ProductionStack<Role>;

  beforeAll(async () => {
    stack = await startProductionStack({
      name: "staff-pages",
      accounts: { supervisor: "supervisor", technician: "technician", viewer: "viewer" },
    });
    // A fleet to page through: 14 RVMs and 9 Soundboxes, names sortable by their number.
    for (let i = 1; i <= 23; i++) {
      const type = i % 5 === 0 || i % 5 === 2 ? "soundbox" : "rvm";
      await stack.api("POST", "/devices", {
        type,
        serialNumber: `${type.toUpperCase()}-${String(i).padStart(4, "0")}`,
        name: `Fleet ${type} ${String(i).padStart(2, "0")}`,
        site: i % 2 ? "Oslo" : "Bergen",
      });
    }
  }, 900_000); // next build on a loaded two-core machine takes minutes
  afterAll(async () => {
    await stack?.stop();
  });

  const navigationOf = (page: Page) =>
    page.locator('[data-slot="app-sidebar"] [data-slot="sidebar-nav-item"]').allTextContents();

  /** The names in the device table's body, in order, once it is not loading. */
  async function deviceNames(page: Page) {
    const table = page.getByRole("table", { name: "Devices" });
    await waitFor(
      "the device table to finish loading",
      async () => (await table.getAttribute("aria-busy")) === "false",
    );
    return table.locator("tbody tr td:first-child").allTextContents();
  }

  it.each(roles)("signs in as %s and offers only the pages the role may read", async (role) => {
    const { page } = await stack.openPage();
    await stack.signIn(page, role);
    expect(new URL(page.url()).pathname).toBe("/");
    expect(await page.textContent("main")).toContain(`Signed in as ${role} (${role})`);
    expect(await navigationOf(page)).toEqual(expectedNavigation[role]);
  });

  it("sends the browser every script of a page as the Brotli copy the build wrote", async () => {
    const { page } = await stack.openPage();
    const encodings = new Map<string, string | undefined>();
    page.on("response", (response) => {
      if (response.request().resourceType() === "script")
        encodings.set(new URL(response.url()).pathname, response.headers()["content-encoding"]);
    });
    await page.goto(`${stack.url}/sign-in`, { waitUntil: "networkidle" });
    expect(encodings.size).toBeGreaterThan(3);
    for (const [script, encoding] of encodings)
      expect({ script, encoding }).toEqual({ script, encoding: "br" });
    await page.close();
  });

  it("answers a viewer who types a forbidden address with the 403 page, checked on the server", async () => {
    const { page } = await stack.openPage();
    await stack.signIn(page, "viewer");
    for (const forbidden of ["/users", "/audit"]) {
      const response = await page.goto(`${stack.url}${forbidden}`);
      expect(response?.status(), forbidden).toBe(403);
      expect(await page.getByRole("heading", { name: "You may not open this page" }).isVisible()).toBe(true);
      // Nothing of the page leaked: another user's address is nowhere (the viewer's own is in the menu).
      expect(await page.content()).not.toContain("supervisor@example.com");
    }
    // The supervisor may read users: same address, the page.
    const supervisor = await stack.openPage();
    await stack.signIn(supervisor.page, "supervisor");
    const response = await supervisor.page.goto(`${stack.url}/users`);
    expect(response?.status()).toBe(200);
    expect(await supervisor.page.textContent("main")).toContain("viewer@example.com");
  });

  it("sends a revoked or missing session to sign-in with the page as callbackUrl, and back after", async () => {
    const { context, page } = await stack.openPage();
    await stack.signIn(page, "technician");
    const cookies = await context.cookies();
    // Sign out through the user menu (revokes the session row), then replay the old cookie.
    // The menu's code loads on this first click, and the same click opens it.
    await page.getByRole("button", { name: /Account: technician/ }).click();
    await page.getByRole("menu").waitFor();
    await Promise.all([
      page.waitForURL((url) => url.pathname === "/sign-in"),
      page.getByRole("menuitem", { name: "Sign out" }).click(),
    ]);
    await context.addCookies(cookies);
    await page.goto(`${stack.url}/devices?status=online&sort=name&dir=asc`);
    const landed = new URL(page.url());
    expect(landed.pathname).toBe("/sign-in");
    expect(landed.searchParams.get("callbackUrl")).toBe("/devices?status=online&sort=name&dir=asc");

    await page.fill('input[name="login"]', "technician");
    await page.fill('input[name="password"]', stack.passwords.technician);
    await Promise.all([
      page.waitForURL((url) => url.pathname === "/devices"),
      page.click('button[type="submit"]'),
    ]);
    expect(new URL(page.url()).search).toBe("?status=online&sort=name&dir=asc");
  });

  it("registers a device, shows its credential once, and not again after a reload", async () => {
    const { page } = await stack.openPage();
    await stack.signIn(page, "supervisor", "/devices");
    await page.getByRole("button", { name: "Register device" }).click();
    const form = page.getByRole("form", { name: "Register a device" });
    // The shared Zod schema answers in the browser, on the field.
    await form.getByLabel("Serial number", { exact: true }).fill("no spaces allowed");
    await form.getByRole("button", { name: "Register device" }).click();
    await waitFor("the schema's issue on the serial field", async () =>
      (await form.textContent())?.includes("Serial number may contain letters, digits and '-' only"),
    );
    // A serial the server knows already: its answer (409, no field path) shows on the form.
    await form.getByLabel("Serial number", { exact: true }).fill("RVM-0001");
    await form.getByLabel("Name", { exact: true }).fill("Duplicate");
    await form.getByLabel("Site", { exact: true }).fill("Oslo");
    await form.getByRole("button", { name: "Register device" }).click();
    await waitFor("the server's answer to a taken serial", async () =>
      (
        await form
          .getByRole("alert")
          .textContent()
          .catch(() => "")
      )?.includes("already exists"),
    );

    await form.getByLabel("Serial number", { exact: true }).fill("RVM-NEW-1");
    await form.getByLabel("Name", { exact: true }).fill("Lobby RVM");
    await form.getByRole("button", { name: "Register device" }).click();
    const secret = page.getByLabel("MQTT credential");
    await secret.waitFor();
    const credential = await secret.inputValue();
    expect(credential.length).toBeGreaterThanOrEqual(20);
    expect(await page.getByText("You will not see this again").isVisible()).toBe(true);
    await page.screenshot({ path: path.join(screenshotDir, "devices-credential-light.png") });
    await page.getByRole("button", { name: "Done" }).click();
    expect(await deviceNames(page)).toContain("Lobby RVM");

    await page.reload();
    expect(await deviceNames(page)).toContain("Lobby RVM");
    expect(await page.getByLabel("MQTT credential").count()).toBe(0);
    expect(await page.content()).not.toContain(credential);
  });

  it("filters, sorts and pages the device table in the URL; a reload restores the same rows", async () => {
    const { page } = await stack.openPage();
    await stack.signIn(page, "viewer", "/devices");
    // Viewers may not register devices: the button is not offered.
    expect(await page.getByRole("button", { name: "Register device" }).count()).toBe(0);

    await page.getByRole("combobox", { name: "Type" }).click();
    await page.getByRole("option", { name: "Reverse vending machine" }).click();
    await page.waitForURL((url) => url.searchParams.get("type") === "rvm");
    await page.getByRole("button", { name: "Name" }).click();
    await page.waitForURL((url) => url.searchParams.get("sort") === "name");
    const sortedUp = await deviceNames(page);
    expect(sortedUp).toEqual([...sortedUp].sort());
    expect(sortedUp.filter((name) => name.includes("soundbox"))).toEqual([]);

    await page.getByRole("combobox", { name: "Rows per page" }).click();
    await page.getByRole("option", { name: "10", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("size") === "10");
    const firstPage = await deviceNames(page);
    expect(firstPage).toHaveLength(10);
    await page.getByRole("button", { name: "Next page" }).click();
    await page.waitForURL((url) => url.searchParams.get("page") === "2");
    const secondPage = await deviceNames(page);
    expect(secondPage.length).toBeGreaterThan(0);
    expect([...firstPage, ...secondPage]).toEqual([...firstPage, ...secondPage].sort());

    const address = page.url();
    await page.reload();
    expect(page.url()).toBe(address);
    expect(await deviceNames(page)).toEqual(secondPage);
  });

  // Back and forward change the URL first and render the restored view after (Next.js restores
  // it in a transition), so each step waits for the rows it expects rather than reading once.
  it("back and forward restore the device table's earlier views", async () => {
    const { page } = await stack.openPage();
    await stack.signIn(page, "viewer", "/devices?type=rvm&sort=name&dir=asc&size=10");
    const firstPage = await deviceNames(page);
    await page.getByRole("button", { name: "Next page" }).click();
    await page.waitForURL((url) => url.searchParams.get("page") === "2");
    const secondPage = await deviceNames(page);
    expect(secondPage).not.toEqual(firstPage);
    const showing = async (rows: string[], what: string) => {
      let shown: string[] = [];
      await waitFor(what, async () => {
        shown = await deviceNames(page);
        return JSON.stringify(shown) === JSON.stringify(rows);
      }).catch((error: Error) => {
        throw new Error(`${error.message}; the table showed ${JSON.stringify(shown)}`);
      });
    };
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get("page") === null);
    await showing(firstPage, "page 1's rows after Back");
    await page.goForward();
    await page.waitForURL((url) => url.searchParams.get("page") === "2");
    await showing(secondPage, "page 2's rows after Forward");
  });

  it("shows a device's latest values with units and grows its chart live from telemetry.live, and its connect in Events", async () => {
    const { device, credential } = await stack.api<{ device: { id: string }; credential: string }>(
      "POST",
      "/devices",
      {
        type: "rvm",
        serialNumber: "RVM-LIVE-1",
        name: "Live RVM",
        site: "Lab",
      },
    );
    const mqttPort = stack.mqttPort;
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
      clientId: device.id,
      username: device.id,
      password: credential,
      reconnectPeriod: 0,
    });
    const publish = (messageId: string, value: number) =>
      client.publishAsync(
        `devices/${device.id}/telemetry`,
        JSON.stringify({
          v: 1,
          messageId,
          deviceTime: new Date().toISOString(),
          readings: [{ metric: "bin_fill_pet_pct", value }],
        }),
        { qos: 1 },
      );
    try {
      await publish("live-1", 41.5);
      await waitFor("the first reading to be queryable", async () => {
        const latest = await stack.api<{ readings: unknown[] }>(
          "GET",
          `/devices/${device.id}/telemetry/latest`,
        );
        return latest.readings.length > 0;
      });

      const { page } = await stack.openPage();
      await stack.signIn(page, "technician", `/devices/${device.id}?metric=bin_fill_pet_pct&range=1h`);
      const value = page.locator('[data-metric="bin_fill_pet_pct"]');
      await waitFor("the latest value with its unit", async () => (await value.textContent()) === "41.5 %");
      // Overview times are in the reader's zone with UTC on hover.
      const registered = page.locator("dt", { hasText: "Registered" }).locator("+ dd time");
      expect(await registered.getAttribute("title")).toMatch(/UTC$/);
      await page.locator('[data-slot="time-series-chart"] canvas').first().waitFor();
      await waitFor(
        "the live stream to connect",
        async () => (await page.locator("[data-live]").getAttribute("data-live")) === "pending",
      );

      await publish("live-2", 57.25);
      await waitFor(
        "the live reading to reach the page without a reload",
        async () => (await value.textContent()) === "57.25 %",
      );

      // The device's MQTT connect, stored as an event, in the Events tab (refetched every 15 s).
      await selectTab(page.getByRole("tab", { name: "Events" }));
      const events = page.getByRole("region", { name: "Events" });
      await waitFor("the connect in the Events panel", async () =>
        (await events.locator("li").allTextContents()).some((text) => text.includes("Connected")),
      );
      expect(await events.locator("li time").first().getAttribute("title")).toMatch(/UTC$/);
    } finally {
      await client.endAsync();
    }
  });

  // The header's menus and the mobile navigation load their code on first use (issue 12's
  // first-load budget): each must still open on the first click and work.
  it("switches the theme from the header's menu, which opens on the first click", async () => {
    const { context, page } = await stack.openPage("light");
    await stack.signIn(page, "viewer");
    await page.getByRole("button", { name: "Theme: Light" }).click();
    await page.getByRole("menuitemradio", { name: "Dark" }).click();
    await waitFor("the dark class on <html>", () =>
      page.evaluate(() => document.documentElement.classList.contains("dark")),
    );
    // The trigger's label follows once the menu has closed: wait for it rather than read it.
    await page.getByRole("button", { name: "Theme: Dark" }).waitFor({ timeout: 30_000 });
    const cookies = await context.cookies();
    expect(cookies.find((cookie) => cookie.name === "theme")?.value).toBe("dark");
  });

  it("opens the navigation sheet on a narrow screen on the first tap, and navigates from it", async () => {
    const { page } = await stack.openPage();
    await stack.signIn(page, "viewer");
    await page.setViewportSize({ width: 600, height: 800 });
    await page.getByRole("button", { name: "Open navigation" }).click();
    const sheet = page.getByRole("dialog", { name: "Navigation" });
    await sheet.waitFor();
    await Promise.all([
      page.waitForURL((url) => url.pathname === "/devices"),
      sheet.getByRole("link", { name: "Devices" }).click(),
    ]);
  });

  it("renders every page in light and dark for a person to look at", async () => {
    const devices = await stack.api<{ items: { id: string; name: string }[] }>("GET", "/devices?search=Live");
    const pages = {
      overview: "/",
      devices: "/devices",
      device: `/devices/${devices.items[0]?.id}?metric=bin_fill_pet_pct&range=1h`,
      users: "/users",
      audit: "/audit",
    };
    for (const theme of ["light", "dark"] as const) {
      const { page } = await stack.openPage(theme);
      await stack.signIn(page, "admin");
      for (const [name, address] of Object.entries(pages)) {
        await page.goto(`${stack.url}${address}`);
        // The theme comes from the server's render: the class is on <html> before any script.
        expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(
          theme === "dark",
        );
        if (name === "devices") await deviceNames(page);
        if (name === "device") await page.locator('[data-slot="time-series-chart"] canvas').first().waitFor();
        await page.screenshot({ path: path.join(screenshotDir, `${name}-${theme}.png`), fullPage: true });
      }
      const viewer = await stack.openPage(theme);
      await stack.signIn(viewer.page, "viewer");
      await viewer.page.goto(`${stack.url}/users`);
      await viewer.page.screenshot({ path: path.join(screenshotDir, `forbidden-${theme}.png`) });
    }
  }, 360_000); // twelve pages, two themes, on a loaded machine
});
