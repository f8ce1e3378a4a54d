/**
 * `pnpm bench:web` (second half): first-load JS of every staff page, as Chromium downloads it
 * on a cold load of the production build — the compressed bytes of every script response
 * (DevTools protocol `encodedDataLength`) until the network is idle. Next 16 no longer
 * prints these sizes; this is where they are measured.
 */
import type { BrowserContext } from "playwright-core";
import { navigationFor } from "../src/app/_shell/navigation";
import { hasChromium } from "../test/browser-session";
import { startProductionStack } from "../test/production-stack";

/** The goal of issue 12 for the devices page; printed beside every page for comparison. */
const budgetKb = 200;
/** `--scripts`: also list each page's scripts with their sizes, to see what a page's share is. */
const listScripts = process.argv.includes("--scripts");

if (!hasChromium) throw new Error("Chromium is missing: apt-get install chromium");
console.log("building the production app (reused when sources are unchanged)…");
const stack = await startProductionStack({ name: "first-load" });
try {
  const { device } = await stack.api<{ device: { id: string } }>("POST", "/devices", {
    type: "rvm",
    serialNumber: "RVM-BENCH-1",
    name: "Bench RVM",
    site: "Oslo",
  });

  const { context, page: signInPage } = await stack.openPage();
  await stack.signIn(signInPage, "admin");
  await signInPage.close();
  const pages: [string, string][] = [["sign-in", "/sign-in"]];
  for (const entry of navigationFor("admin")) pages.push([entry.label, entry.href]);
  pages.push(["device detail", `/devices/${device.id}`]);

  const rows: string[] = [];
  for (const [name, address] of pages) {
    const { kb, scripts, sizes } = await coldScriptBytes(
      name === "sign-in" ? (await stack.openPage()).context : context,
      `${stack.url}${address}`,
    );
    rows.push(
      `${name.padEnd(16)} ${address.padEnd(44)} ${String(scripts).padStart(3)} scripts ${kb.toFixed(1).padStart(7)} kB${kb > budgetKb ? `  (over ${budgetKb} kB)` : ""}`,
    );
    if (listScripts)
      for (const [script, size] of [...sizes].sort((a, b) => b[1] - a[1]))
        rows.push(`    ${(size / 1024).toFixed(1).padStart(6)} kB  ${new URL(script).pathname}`);
  }
  console.log(`first-load JS, compressed as served (cold cache, production build):\n${rows.join("\n")}`);
} finally {
  await stack.stop();
}

async function coldScriptBytes(context: BrowserContext, url: string) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const scripts = new Map<string, string>(); // request id → URL
  const sizes = new Map<string, number>(); // URL → compressed bytes
  let bytes = 0;
  cdp.on("Network.responseReceived", (event) => {
    if (event.type === "Script") scripts.set(event.requestId, event.response.url);
  });
  cdp.on("Network.loadingFinished", (event) => {
    const script = scripts.get(event.requestId);
    if (script === undefined) return;
    bytes += event.encodedDataLength;
    sizes.set(script, event.encodedDataLength);
  });
  await page.goto(url, { waitUntil: "networkidle" });
  await page.close();
  return { kb: bytes / 1024, scripts: scripts.size, sizes };
}
