import { readFileSync } from "node:fs";
import path from "node:path";
import mqtt from "mqtt";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, waitFor } from "./browser-session";
import { type ProductionStack, screenshotDir, startProductionStack } from "./production-stack";

const roles = ["admin", "supervisor", "technician", "viewer"] as const;
type Role = (typeof roles)[number];

/** A minimal CSV reader for what the app writes (RFC 4180 quoting, CRLF). */
function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      record.push(cell);
      cell = "";
    } else if (char === "\n") {
      record.push(cell.replace(/\r$/, ""));
      records.push(record);
      record = [];
      cell = "";
    } else cell += char;
  }
  if (cell !== "" || record.length > 0) records.push([...record, cell]);
  const [header = [], ...rows] = records;
  return rows.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index] ?? ""])));
}

describe.skipIf(!hasChromium)("the devices page's actions in a browser, on the production build", () => {
  let stack: ProductionStack<Role>;

  beforeAll(async () => {
    stack = await startProductionStack({
      name: "device-actions",
      accounts: { supervisor: "supervisor", technician: "technician", viewer: "viewer" },
    });
    // Twelve devices over two sites; names sort by their number.
    for (let i = 1; i <= 12; i++) {
      await stack.api("POST", "/devices", {
        type: i % 3 === 0 ? "soundbox" : "rvm",
        serialNumber: `ACT-${String(i).padStart(4, "0")}`,
        name: `Unit ${String(i).padStart(2, "0")}`,
        site: i % 2 ? "Oslo" : "Bergen",
      });
    }
  }, 900_000); // next build on a loaded two-core machine takes minutes
  afterAll(async () => {
    await stack?.stop();
  });

  const serialsMatching = async (query: string) =>
    (await stack.api<{ items: { serialNumber: string }[] }>("GET", `/devices?${query}&pageSize=100`)).items
      .map((device) => device.serialNumber)
      .sort();

  async function signedIn(role: Role, address: string, theme?: "light" | "dark") {
    const opened = await stack.openPage(theme);
    await stack.signIn(opened.page, role, address);
    return opened;
  }

  const deviceTable = (page: Page) => page.getByRole("table", { name: "Devices" });

  /** One column of the device table's body, once it is not loading (1 = name, 2 = serial). */
  async function column(page: Page, index: number) {
    const table = deviceTable(page);
    await waitFor(
      "the device table to finish loading",
      async () => (await table.getAttribute("aria-busy")) === "false",
    );
    return table.locator(`tbody tr td:nth-child(${index})`).allTextContents();
  }

  /** Waits until the table shows exactly these names (in any order): a view change renders after the URL. */
  async function waitForNames(page: Page, names: string[], what: string) {
    let last: string[] = [];
    await waitFor(`${what} (last seen: ${JSON.stringify(last)})`, async () => {
      last = await column(page, 1);
      return JSON.stringify([...last].sort()) === JSON.stringify([...names].sort());
    }).catch((error) => {
      throw new Error(`${error.message}; the table showed ${JSON.stringify(last)}`);
    });
  }

  it("bulk-tags three devices from the selection; the table filtered by that tag shows exactly them", async () => {
    const { page } = await signedIn("supervisor", "/devices?sort=name&dir=asc");
    await column(page, 1);
    const chosen = ["Unit 02", "Unit 05", "Unit 11"];
    for (const name of chosen) await page.getByRole("checkbox", { name: `Select ${name}` }).click();
    const bar = page.getByRole("region", { name: "Selection" });
    await waitFor("the bulk bar to count three", async () =>
      (await bar.textContent())?.includes("3 selected"),
    );
    await page.screenshot({ path: path.join(screenshotDir, "devices-bulk-light.png") });

    await bar.getByRole("button", { name: "Add tag" }).click();
    const dialog = page.getByRole("form", { name: "Add a tag to 3 devices" });
    // The API's own tag schema answers in the dialog before anything is sent.
    await dialog.getByLabel("Tag").fill("Not A Tag");
    await dialog.getByRole("button", { name: "Add tag" }).click();
    await waitFor("the tag schema's message", async () =>
      (await dialog.textContent())?.includes("lower-case"),
    );
    await dialog.getByLabel("Tag").fill("pilot:north");
    await dialog.getByRole("button", { name: "Add tag" }).click();
    await page.getByText("3 devices tagged “pilot:north”").waitFor();
    // The selection is cleared and the rows show their new tag without a reload.
    await waitFor("the bulk bar to go", async () => (await bar.count()) === 0);
    await waitFor(
      "the tags to show in the table",
      async () => (await deviceTable(page).getByText("pilot:north").count()) === 3,
    );

    await page.getByRole("searchbox", { name: "Tag" }).fill("pilot:north");
    await page.waitForURL((url) => url.searchParams.get("tag") === "pilot:north");
    await waitForNames(page, chosen, "the tag filter to show the three tagged devices");
    expect(await serialsMatching("tag=pilot%3Anorth")).toEqual(["ACT-0002", "ACT-0005", "ACT-0011"]);
  });

  it("exports the current filter as CSV through the session cookie, with the table's rows in its order", async () => {
    const address = "/devices?site=Oslo&sort=serialNumber&dir=desc";
    const { page } = await signedIn("viewer", address);
    const tableSerials = await column(page, 2);
    expect(tableSerials).toHaveLength(6);

    const exportLink = page.getByRole("link", { name: "Export CSV" });
    const href = await exportLink.getAttribute("href");
    expect(href).toBe("/api/v1/devices.csv?sortBy=serialNumber&sortDir=desc&site=Oslo");
    // Without the session cookie the same address is refused: the cookie is what authorizes it.
    expect((await fetch(`${stack.url}${href}`)).status).toBe(401);

    const [download] = await Promise.all([page.waitForEvent("download"), exportLink.click()]);
    const file = await download.path();
    const rows = parseCsv(readFileSync(file, "utf8"));
    expect(rows.map((row) => row.serialNumber)).toEqual(tableSerials);
    expect(new Set(rows.map((row) => row.site))).toEqual(new Set(["Oslo"]));
  });

  it("imports a CSV with one bad row: shows the row error, creates nothing until confirmed, then hands over the credentials once", async () => {
    const { page } = await signedIn("supervisor", "/devices");
    await page.getByRole("button", { name: "Import CSV" }).click();
    const csv = [
      "type,serialNumber,name,site,tags",
      "rvm,IMP-0001,Imported one,Trondheim,pilot",
      "toaster,IMP-0002,Bad type,Trondheim,",
      "soundbox,IMP-0003,Imported three,Trondheim,pilot;zone:a",
    ].join("\n");
    await page
      .getByLabel("CSV file")
      .setInputFiles({ name: "devices.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    const preview = page.getByRole("table", { name: "Import preview" });
    await preview.waitFor();
    const badRows = preview.locator('tbody tr[data-valid="false"]');
    // The preview fills in as the server checks the rows: wait for its verdict, then read it.
    await page.getByRole("dialog").getByText("2 devices ready").waitFor();
    expect(await badRows.count()).toBe(1);
    // Line 3 of the file (the header is line 1), its field named with the schema's message.
    expect(await badRows.locator("td").first().textContent()).toBe("3");
    expect(await badRows.textContent()).toMatch(/type: .*rvm/);
    expect(await page.getByRole("dialog").textContent()).toContain("2 devices ready");
    await page.screenshot({ path: path.join(screenshotDir, "devices-import-preview-light.png") });
    // The preview created nothing.
    expect(await serialsMatching("search=IMP-")).toEqual([]);

    await page.getByRole("button", { name: "Create 2 devices" }).click();
    const download = page.getByRole("button", { name: "Download credentials (CSV)" });
    await download.waitFor();
    // The toaster loads with the first toast (not with the page): this one must still show.
    await page.getByText("2 devices registered", { exact: true }).waitFor();
    expect(await page.getByRole("dialog").textContent()).toContain("they are not shown again");
    await page.screenshot({ path: path.join(screenshotDir, "devices-import-credentials-light.png") });
    const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
    expect(file.suggestedFilename()).toBe("device-credentials.csv");
    const credentials = parseCsv(readFileSync(await file.path(), "utf8"));
    expect(credentials.map((row) => row.serialNumber)).toEqual(["IMP-0001", "IMP-0003"]);
    expect(await serialsMatching("search=IMP-")).toEqual(["IMP-0001", "IMP-0003"]);

    // The downloaded credential is the device's real one: the broker accepts it.
    const mqttPort = stack.mqttPort;
    const [first] = credentials;
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
      clientId: first?.id,
      username: first?.id,
      password: first?.credential,
      reconnectPeriod: 0,
    });
    await client.endAsync();

    await page.getByRole("button", { name: "Done" }).click();
    // Newest first: both imported rows are on the first page once the list is invalidated.
    await waitFor("the imported devices in the table", async () => {
      const names = await column(page, 1);
      return names.includes("Imported one") && names.includes("Imported three");
    });
    // Opened again after "Done": the file picker, not the previous import's credentials.
    await page.getByRole("button", { name: "Import CSV" }).click();
    await page.getByLabel("CSV file").waitFor();
    expect(await page.getByRole("button", { name: "Download credentials (CSV)" }).count()).toBe(0);
  });

  it("hides a column from the Columns menu, which opens on the first click, and keeps it hidden in the URL", async () => {
    const { page } = await signedIn("viewer", "/devices");
    await column(page, 1);
    const table = deviceTable(page);
    expect(await table.getByRole("columnheader", { name: "Site" }).count()).toBe(1);
    await page.getByRole("button", { name: "Columns" }).click();
    await page.getByRole("menuitemcheckbox", { name: "Site" }).click();
    await page.waitForURL((url) => url.searchParams.get("hide") === "site");
    await waitFor(
      "the Site column to go",
      async () => (await table.getByRole("columnheader", { name: "Site" }).count()) === 0,
    );
  });

  it("opens the register dialog empty again after a device was registered and its credential shown", async () => {
    const { page } = await signedIn("supervisor", "/devices");
    await page.getByRole("button", { name: "Register device" }).click();
    const form = page.getByRole("form", { name: "Register a device" });
    await form.getByLabel("Serial number", { exact: true }).fill("REOPEN-0001");
    await form.getByLabel("Name", { exact: true }).fill("Reopened");
    await form.getByLabel("Site", { exact: true }).fill("Oslo");
    await form.getByRole("button", { name: "Register device" }).click();
    await page.getByLabel("MQTT credential").waitFor();
    await page.getByRole("button", { name: "Done" }).click();
    await waitFor("the register dialog to close", async () => (await page.getByRole("dialog").count()) === 0);

    await page.getByRole("button", { name: "Register device" }).click();
    await form.waitFor();
    expect(await page.getByLabel("MQTT credential").count()).toBe(0);
    expect(await form.getByLabel("Serial number", { exact: true }).inputValue()).toBe("");
  });

  it("offers a viewer no selection, bulk, import or edit actions, and a technician what the matrix allows", async () => {
    const viewer = await signedIn("viewer", "/devices");
    await column(viewer.page, 1);
    expect(await viewer.page.getByRole("checkbox").count()).toBe(0);
    expect(await viewer.page.getByRole("button", { name: /^Actions for / }).count()).toBe(0);
    expect(await viewer.page.getByRole("button", { name: "Import CSV" }).count()).toBe(0);
    expect(await viewer.page.getByRole("button", { name: "Register device" }).count()).toBe(0);
    expect(await viewer.page.getByRole("link", { name: "Export CSV" }).count()).toBe(1);

    // device:update, not device:create, device:delete or device:credentials.
    const { page } = await signedIn("technician", "/devices?sort=name&dir=asc");
    await column(page, 1);
    expect(await page.getByRole("button", { name: "Import CSV" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Register device" }).count()).toBe(0);
    await page.getByRole("checkbox", { name: "Select Unit 01" }).click();
    const bar = page.getByRole("region", { name: "Selection" });
    // The bar's tag actions load on first use (next/dynamic): wait for them, not just the bar.
    await bar.getByRole("button", { name: "Add tag" }).waitFor();
    const offered = (await bar.getByRole("button").allTextContents()).map((text) => text.trim());
    expect(offered).toEqual(["Add tag", "Remove tag", "Clear selection"]);
    await page.getByRole("button", { name: "Actions for Unit 01" }).click();
    // The menu's code loads on this first click, and the same click opens it.
    await page.getByRole("menu").waitFor();
    expect((await page.getByRole("menuitem").allTextContents()).map((text) => text.trim())).toEqual(["Edit"]);
    await page.keyboard.press("Escape");

    // The supervisor's menu has every entry.
    const supervisor = await signedIn("supervisor", "/devices?sort=name&dir=asc");
    await column(supervisor.page, 1);
    await supervisor.page.getByRole("button", { name: "Actions for Unit 01" }).click();
    await supervisor.page.getByRole("menu").waitFor();
    expect(
      (await supervisor.page.getByRole("menuitem").allTextContents()).map((text) => text.trim()),
    ).toEqual(["Edit", "Rotate credential", "Decommission"]);
  });

  it("edits a device, rotates its credential (shown once) and decommissions it, each behind its dialog", async () => {
    const { page } = await signedIn("supervisor", "/devices?sort=name&dir=asc&q=Unit%2007");
    await waitForNames(page, ["Unit 07"], "the searched device");
    await page.getByRole("button", { name: "Actions for Unit 07" }).click();
    await page.getByRole("menuitem", { name: "Edit" }).click();
    const form = page.getByRole("form", { name: "Edit Unit 07" });
    await form.getByLabel("Latitude").fill("95");
    await form.getByRole("button", { name: "Save changes" }).click();
    await waitFor("the latitude's range message", async () => (await form.textContent())?.includes("90"));
    await form.getByLabel("Latitude").fill("59.91");
    await form.getByLabel("Longitude").fill("10.75");
    await form.getByLabel("Site").fill("Drammen");
    await form.getByLabel("Tags").fill("pilot lobby");
    await page.screenshot({ path: path.join(screenshotDir, "devices-edit-light.png") });
    await form.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Unit 07 saved").waitFor();
    await waitFor("the new site in the row", async () => (await column(page, 4)).join() === "Drammen");
    const [saved] = (
      await stack.api<{ items: { site: string; latitude: number; tags: string[] }[] }>(
        "GET",
        "/devices?search=ACT-0007",
      )
    ).items;
    expect(saved).toMatchObject({ site: "Drammen", latitude: 59.91, tags: ["pilot", "lobby"] });

    await page.getByRole("button", { name: "Actions for Unit 07" }).click();
    await page.getByRole("menuitem", { name: "Rotate credential" }).click();
    await page.getByRole("button", { name: "Rotate credential" }).click();
    const secret = page.getByLabel("MQTT credential");
    await secret.waitFor();
    expect((await secret.inputValue()).length).toBeGreaterThanOrEqual(20);
    expect(await page.getByRole("button", { name: "Copy" }).isVisible()).toBe(true);
    expect(await page.getByText("You will not see this again").isVisible()).toBe(true);
    await page.getByRole("button", { name: "Done" }).click();
    expect(await page.getByLabel("MQTT credential").count()).toBe(0);

    await page.getByRole("button", { name: "Actions for Unit 07" }).click();
    await page.getByRole("menuitem", { name: "Decommission" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Keep it" }).click();
    expect((await serialsMatching("status=decommissioned")).includes("ACT-0007")).toBe(false);
    await page.getByRole("button", { name: "Actions for Unit 07" }).click();
    await page.getByRole("menuitem", { name: "Decommission" }).click();
    await page.getByRole("button", { name: "Decommission Unit 07" }).click();
    await page.getByText("Unit 07 decommissioned").waitFor();
    await waitFor("the decommissioned status in the row", async () =>
      (await deviceTable(page).textContent())?.includes("Decommissioned"),
    );
  });

  it("renders the devices page's dialogs in dark for a person to look at", async () => {
    const { page } = await signedIn("supervisor", "/devices?sort=name&dir=asc", "dark");
    await column(page, 1);
    await page.getByRole("checkbox", { name: "Select all devices on this page" }).click();
    await page.getByRole("region", { name: "Selection" }).waitFor();
    await page.screenshot({ path: path.join(screenshotDir, "devices-bulk-dark.png") });
    await page
      .getByRole("region", { name: "Selection" })
      .getByRole("button", { name: "Decommission" })
      .click();
    await page.getByRole("alertdialog").waitFor();
    await page.screenshot({ path: path.join(screenshotDir, "devices-bulk-decommission-dark.png") });
    await page.getByRole("button", { name: /^Keep them/ }).click();
    await page.getByRole("button", { name: "Import CSV" }).click();
    await page.getByLabel("CSV file").setInputFiles({
      name: "devices.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("type,serialNumber,name,site\nrvm,ACT-0001,Taken,Oslo\nrvm,DRK-1,Fine,Oslo\n"),
    });
    await page.getByRole("table", { name: "Import preview" }).waitFor();
    await page.screenshot({ path: path.join(screenshotDir, "devices-import-preview-dark.png") });
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Actions for Unit 01" }).click();
    await page.getByRole("menuitem", { name: "Edit" }).click();
    await page.getByRole("form", { name: "Edit Unit 01" }).waitFor();
    await page.screenshot({ path: path.join(screenshotDir, "devices-edit-dark.png") });
  });
});
