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
    const { kb, scripts } = await coldScriptBytes(
      name === "sign-in" ? (await stack.openPage()).context : context,
      `${stack.url}${address}`,
    );
    rows.push(
      `${name.padEnd(16)} ${address.padEnd(44)} ${String(scripts).padStart(3)} scripts ${kb.toFixed(1).padStart(7)} kB${kb > budgetKb ? `  (over ${budgetKb} kB)` : ""}`,
    );
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
