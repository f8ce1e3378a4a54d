/**
 * `pnpm bench:web` (second half): first-load JS of every staff page, as Chromium downloads it
 * on a cold load of the production build — the compressed bytes of every script response
 * (DevTools protocol `encodedDataLength`) until the network is idle. Next 16 no longer
 * prints these sizes; this is where they are measured.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BrowserContext } from "playwright-core";
import { navigationFor } from "../src/app/_shell/navigation";
import { hasChromium, launchChromium } from "../test/browser-session";
import { buildApp } from "../test/production-build";
import { startServer } from "../test/start-server";

/** The goal of issue 12 for the devices page; printed beside every page for comparison. */
const budgetKb = 200;
const distDir = ".next-test/staff-pages";

if (!hasChromium) throw new Error("Chromium is missing: apt-get install chromium");
const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-first-load-"));
console.log("building the production app (reused when sources are unchanged)…");
await buildApp(distDir);
const server = await startServer({
  DATA_DIR: dataDir,
  NODE_ENV: "production",
  REVOLV_EMBEDDED: "1",
  AUTH_SECRET: randomBytes(32).toString("base64"),
  NEXT_DIST_DIR: distDir,
});
const browser = await launchChromium();
try {
  const password = /first admin created: \S+ \/ password (\S+)/.exec(server.output())?.[1];
  if (!password) throw new Error(`no admin password in the server output:\n${server.output()}`);
  const { token } = (await (
    await fetch(`${server.url}/api/v1/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: "admin", password }),
    })
  ).json()) as { token: string };
  const authorized = { "content-type": "application/json", authorization: `Bearer ${token}` };
  await fetch(`${server.url}/api/v1/devices`, {
    method: "POST",
    headers: authorized,
    body: JSON.stringify({ type: "rvm", serialNumber: "RVM-BENCH-1", name: "Bench RVM", site: "Oslo" }),
  });
  const listed = (await (
    await fetch(`${server.url}/api/v1/devices?search=Bench`, { headers: authorized })
  ).json()) as { items: { id: string }[] };
  const deviceId = listed.items[0]?.id;

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const pages: [string, string][] = [["sign-in", "/sign-in"]];
  const signInPage = await context.newPage();
  await signInPage.goto(`${server.url}/sign-in`);
  await signInPage.fill('input[name="login"]', "admin");
  await signInPage.fill('input[name="password"]', password);
  await Promise.all([
    signInPage.waitForURL((url) => url.pathname !== "/sign-in"),
    signInPage.click('button[type="submit"]'),
  ]);
  await signInPage.close();
  for (const entry of navigationFor("admin")) pages.push([entry.label, entry.href]);
  if (deviceId) pages.push(["device detail", `/devices/${deviceId}`]);

  const rows: string[] = [];
  for (const [name, address] of pages) {
    const { kb, scripts } = await coldScriptBytes(
      name === "sign-in" ? await browser.newContext() : context,
      `${server.url}${address}`,
    );
    rows.push(
      `${name.padEnd(16)} ${address.padEnd(44)} ${String(scripts).padStart(3)} scripts ${kb.toFixed(1).padStart(7)} kB${kb > budgetKb ? `  (over ${budgetKb} kB)` : ""}`,
    );
  }
  console.log(`first-load JS, compressed as served (cold cache, production build):\n${rows.join("\n")}`);
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

async function coldScriptBytes(context: BrowserContext, url: string) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const scripts = new Set<string>();
  let bytes = 0;
  cdp.on("Network.responseReceived", (event) => {
    if (event.type === "Script") scripts.add(event.requestId);
  });
  cdp.on("Network.loadingFinished", (event) => {
    if (scripts.has(event.requestId)) bytes += event.encodedDataLength;
  });
  await page.goto(url, { waitUntil: "networkidle" });
  await page.close();
  return { kb: bytes / 1024, scripts: scripts.size };
}
