import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, waitFor } from "./browser-session";
import { type ProductionStack, screenshotDir, startProductionStack } from "./production-stack";

/** Several argon2 sign-ins and cold pages per test on a loaded two-core machine: a cap for a hang. */
const testTimeoutMs = 240_000;

/** The accounts this file signs in with, each created by the admin through the API. */
const accounts = {
  supervisor: "supervisor",
  technician: "technician",
  viewer: "viewer",
  /** Changes their own password. */
  changer: "viewer",
  /** Gets another role from the admin. */
  promoted: "viewer",
  /** Is disabled by the admin. */
  leaver: "technician",
  /** Has a session revoked by the admin. */
  revoked: "viewer",
} as const;

describe.skipIf(!hasChromium)("users, account, audit log, overview and command palette in a browser", () => {
  let stack: ProductionStack<keyof typeof accounts>;
  const deviceIds: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startProductionStack({ name: "staff-admin", accounts });
    for (const [serialNumber, name, type] of [
      ["RVM-FULL-1", "Full RVM", "rvm"],
      ["RVM-EMPTY-1", "Empty RVM", "rvm"],
      ["RVM-PALETTE-7", "Palette RVM", "rvm"],
    ] as const) {
      const { device, credential } = await stack.api<{ device: { id: string }; credential: string }>(
        "POST",
        "/devices",
        { type, serialNumber, name, site: "Oslo" },
      );
      deviceIds[serialNumber] = device.id;
      if (serialNumber === "RVM-FULL-1") {
        await stack.publishAs({ id: device.id, credential }, [
          { metric: "bin_fill_pet_pct", value: 95 },
          { metric: "bin_fill_glass_pct", value: 40 },
        ]);
      }
      if (serialNumber === "RVM-EMPTY-1") {
        await stack.publishAs({ id: device.id, credential }, [{ metric: "bin_fill_pet_pct", value: 12 }]);
      }
    }
  }, 900_000); // next build on a loaded two-core machine takes minutes
  afterAll(async () => {
    await stack?.stop();
  });

  /** Each theme's screenshot of what the page shows now. */
  async function screenshots(page: Page, name: string) {
    // Colours change at once when the theme class flips: a screenshot mid-transition shows
    // text the colour of neither theme.
    await page.addStyleTag({ content: "*, *::before, *::after { transition: none !important; }" });
    for (const theme of ["light", "dark"] as const) {
      await page.evaluate(
        (dark) => document.documentElement.classList.toggle("dark", dark),
        theme === "dark",
      );
      await page.screenshot({ path: path.join(screenshotDir, `${name}-${theme}.png`), fullPage: true });
    }
    await page.evaluate(() => document.documentElement.classList.remove("dark"));
  }

  it(
    "changes the password on /account: the old one no longer signs in, the new one does",
    async () => {
      const { page } = await stack.openPage();
      await stack.signIn(page, "changer", "/account");
      const form = page.getByRole("form", { name: "Change your password" });
      const newPassword = "a brand new passphrase for the changer";

      // A wrong current password is the server's clear 400, shown on the form.
      await form.getByLabel("Current password").fill("not my password at all");
      await form.getByLabel("New password", { exact: true }).fill(newPassword);
      await form.getByLabel("New password again").fill(newPassword);
      await form.getByRole("button", { name: "Change password" }).click();
      await waitFor(
        "the wrong-password message",
        async () => (await form.getByRole("alert").textContent()) === "Your current password is wrong",
      );
      // Two new passwords that differ never reach the server.
      await form.getByLabel("Current password").fill(stack.passwords.changer);
      await form.getByLabel("New password again").fill(`${newPassword}!`);
      await form.getByRole("button", { name: "Change password" }).click();
      await form.getByText("The two new passwords differ").waitFor();

      await form.getByLabel("New password again").fill(newPassword);
      await form.getByRole("button", { name: "Change password" }).click();
      await page.getByText("Password changed; your other sessions were signed out.").waitFor();
      await expect.poll(() => form.getByLabel("Current password").inputValue()).toBe("");
      // This browser stays signed in, and its session is the marked one.
      await page.reload();
      await page.getByRole("table", { name: "Your sessions" }).getByText("This browser").waitFor();
      await screenshots(page, "account");

      const old = await stack.openPage();
      expect((await stack.submitSignIn(old.page, "changer", stack.passwords.changer)).pathname).toBe(
        "/sign-in",
      );
      expect(await old.page.textContent('[role="alert"]')).toBe("Wrong email/username or password.");
      const renewed = await stack.openPage();
      expect((await stack.submitSignIn(renewed.page, "changer", newPassword)).pathname).toBe("/");
    },
    testTimeoutMs,
  );

  it(
    "offers a supervisor the user list without the actions a supervisor may not take",
    async () => {
      const { page } = await stack.openPage();
      await stack.signIn(page, "supervisor", "/users?q=promoted");
      const table = page.getByRole("table", { name: "Users" });
      await table.getByText("promoted@example.com").waitFor();
      expect(await page.getByRole("combobox", { name: "Role of promoted" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Disable promoted" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Sessions of promoted" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Create user" }).count()).toBe(0);
    },
    testTimeoutMs,
  );

  it(
    "lets an admin change a role and disable a user, who then cannot sign in",
    async () => {
      const { page } = await stack.openPage();
      await stack.signIn(page, "admin", "/users");
      const search = page.getByRole("searchbox", { name: "Search users" });
      await search.fill("promoted");
      await page.waitForURL((url) => url.searchParams.get("q") === "promoted");
      await page.getByRole("combobox", { name: "Role of promoted" }).click();
      await page.getByRole("option", { name: "Technician" }).click();
      await page.getByText("promoted is now Technician").waitFor();
      const promoted = await stack.api<{ items: { role: string }[] }>("GET", "/users?search=promoted");
      expect(promoted.items.map((user) => user.role)).toEqual(["technician"]);

      await search.fill("leaver");
      await page.waitForURL((url) => url.searchParams.get("q") === "leaver");
      await page.getByRole("button", { name: "Disable leaver" }).click();
      await page.getByRole("alertdialog").getByRole("button", { name: "Disable" }).click();
      await page.getByRole("table", { name: "Users" }).getByText("Disabled").waitFor();
      await screenshots(page, "users");

      const leaver = await stack.openPage();
      expect((await stack.submitSignIn(leaver.page, "leaver", stack.passwords.leaver)).pathname).toBe(
        "/sign-in",
      );
    },
    testTimeoutMs,
  );

  it(
    "revokes a user's session from the Users page; that browser lands on sign-in at its next navigation",
    async () => {
      const victim = await stack.openPage();
      await stack.signIn(victim.page, "revoked", "/");

      const { page } = await stack.openPage();
      await stack.signIn(page, "admin", "/users?q=revoked");
      await page.getByRole("button", { name: "Sessions of revoked" }).click();
      const sheet = page.getByRole("dialog", { name: "Sessions of revoked" });
      await sheet.getByRole("button", { name: "Revoke session" }).first().click();
      await page.getByText("Session revoked").waitFor();
      await waitFor(
        "the session to show as revoked",
        async () => (await sheet.getByRole("cell", { name: "revoked", exact: true }).count()) > 0,
      );

      // A client-side navigation: the next page asks the server, which refuses the session.
      await victim.page.locator('[data-slot="app-sidebar"]').getByRole("link", { name: "Devices" }).click();
      await victim.page.waitForURL((url) => url.pathname === "/sign-in");
      expect(new URL(victim.page.url()).searchParams.get("callbackUrl")).toBe("/devices");
    },
    testTimeoutMs,
  );

  it(
    "filters the audit log by action and opens a row's before/after diff in a drawer",
    async () => {
      const { page } = await stack.openPage();
      await stack.signIn(page, "supervisor", "/audit");
      await page.getByRole("combobox", { name: "Action" }).click();
      await page.getByRole("option", { name: "user.update_role" }).click();
      await page.waitForURL((url) => url.searchParams.get("action") === "user.update_role");
      const table = page.getByRole("table", { name: "Audit log" });
      await waitFor("the filtered rows", async () => (await table.getAttribute("aria-busy")) === "false");
      const actions = await table.locator("tbody tr td:nth-child(3)").allTextContents();
      expect(actions.length).toBeGreaterThan(0);
      expect(new Set(actions)).toEqual(new Set(["user.update_role"]));

      // Reload keeps the filter: the URL is the state.
      await page.reload();
      const first = table.locator("tbody tr").first();
      await first.waitFor();
      // A pointer opens a row anywhere on it, here on its action, not only on its When button.
      const action = await first.locator("td").nth(2).boundingBox();
      if (!action) throw new Error("the first audit row's action cell has no box");
      await page.mouse.click(action.x + action.width / 2, action.y + action.height / 2);
      const drawer = page.getByRole("dialog");
      const role = drawer.locator('tr[data-changed="true"]', {
        has: page.getByRole("rowheader", { name: "role" }),
      });
      await role.waitFor();
      expect(await role.locator("td").allTextContents()).toEqual(["viewer", "technician"]);
      await screenshots(page, "audit-drawer");

      // The keyboard still reaches each row through its When button.
      await page.keyboard.press("Escape");
      await drawer.waitFor({ state: "hidden" });
      await first.getByRole("button", { name: /^Open user\.update_role/ }).focus();
      await page.keyboard.press("Enter");
      await role.waitFor();
    },
    testTimeoutMs,
  );

  it(
    "links the overview's nearly-full figure to the device list filtered to those devices",
    async () => {
      await waitFor("the full bin to be stored", async () => {
        const latest = await stack.api<{ readings: unknown[] }>(
          "GET",
          `/devices/${deviceIds["RVM-FULL-1"]}/telemetry/latest`,
        );
        const empty = await stack.api<{ readings: unknown[] }>(
          "GET",
          `/devices/${deviceIds["RVM-EMPTY-1"]}/telemetry/latest`,
        );
        return latest.readings.length > 0 && empty.readings.length > 0;
      });
      const { page } = await stack.openPage();
      await stack.signIn(page, "viewer");
      const collection = page.getByRole("table", { name: "Collection list" });
      await collection.getByText("Full RVM").waitFor();
      expect(await collection.locator("tbody tr").count()).toBe(1);
      await screenshots(page, "overview");

      const figure = page.locator('[data-slot="kpi-card"]', { hasText: "Bins nearly full" });
      expect(await figure.locator("a").getAttribute("href")).toBe("/devices?attention=bins_nearly_full");
      expect((await figure.textContent())?.replace("Bins nearly full", "").trim()).toBe("1");
      await figure.locator("a").click();
      await page.waitForURL((url) => url.pathname === "/devices");
      expect(new URL(page.url()).searchParams.get("attention")).toBe("bins_nearly_full");
      const devices = page.getByRole("table", { name: "Devices" });
      await waitFor(
        "the filtered device list",
        async () => (await devices.getAttribute("aria-busy")) === "false",
      );
      expect(await devices.locator("tbody tr td:first-child").allTextContents()).toEqual(["Full RVM"]);
    },
    testTimeoutMs,
  );

  it(
    "opens the command palette with Ctrl-K and jumps to a device by its serial",
    async () => {
      const { page } = await stack.openPage();
      await stack.signIn(page, "technician");
      await page.keyboard.press("Control+k");
      const input = page.getByRole("combobox", { name: "Search commands" });
      await input.waitFor();
      await input.fill("RVM-PALETTE");
      const option = page.getByRole("option", { name: /Palette RVM · RVM-PALETTE-7/ });
      await option.waitFor();
      await screenshots(page, "command-palette");
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => url.pathname === `/devices/${deviceIds["RVM-PALETTE-7"]}`);
    },
    testTimeoutMs,
  );
});
