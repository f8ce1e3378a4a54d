import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, waitFor } from "./browser-session";
import { type ProductionStack, screenshotDir, startProductionStack } from "./production-stack";

type Role = "admin" | "supervisor" | "viewer";

describe.skipIf(!hasChromium)("the pipeline page in a browser, on the production build", () => {
  let stack: ProductionStack<Exclude<Role, "admin">>;

  beforeAll(async () => {
    stack = await startProductionStack({
      name: "pipeline-page",
      accounts: { supervisor: "supervisor", viewer: "viewer" },
    });
  }, 900_000); // next build on a loaded two-core machine takes minutes
  afterAll(async () => {
    await stack?.stop();
  });

  async function openPage(role: Role, theme: "light" | "dark" = "light") {
    const { page } = await stack.openPage(theme);
    await stack.signIn(page, role, "/pipeline");
    return page;
  }

  /** An RVM publishing a Soundbox's metric: the worker refuses it as `metric_not_for_device_type`. */
  async function publishMisfiledReading(): Promise<string> {
    const { device, credential } = await stack.api<{ device: { id: string }; credential: string }>(
      "POST",
      "/devices",
      { type: "rvm", serialNumber: "RVM-PIPELINE-1", name: "Pipeline RVM", site: "Pipeline Lab" },
    );
    await stack.publishAs({ id: device.id, credential }, [{ metric: "battery_pct", value: 40 }]);
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
        (await stack.api<Letters>("GET", "/pipeline/dead-letters")).items.find(
          (l) => l.deviceId === deviceId,
        ),
      90_000,
    ).catch(async (error: Error) => {
      const status = await stack.api("GET", "/pipeline/status");
      throw new Error(
        `${error.message}; status ${JSON.stringify(status)}; server:\n${stack.server.output().slice(-3000)}`,
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
    expect((await stack.api<{ total: number }>("GET", "/pipeline/dead-letters")).total).toBe(0);

    const audit = await stack.api<{
      items: { action: string; after: { count: number; selection: string } }[];
    }>("GET", "/audit-events?action=dead_letters.purge");
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]?.after).toMatchObject({ count: 1, selection: "chosen" });
  }, 240_000);

  it("answers a viewer who types the address with the 403 page, and offers no link to it", async () => {
    const viewer = await openPage("viewer");
    const response = await viewer.goto(`${stack.url}/pipeline`);
    expect(response?.status()).toBe(403);
    await viewer.screenshot({ path: path.join(screenshotDir, "pipeline-forbidden-light.png") });
    await viewer.goto(`${stack.url}/`);
    expect(
      await viewer.locator('[data-slot="app-sidebar"] [data-slot="sidebar-nav-item"]').allTextContents(),
    ).not.toContain("Pipeline");
  });
});
