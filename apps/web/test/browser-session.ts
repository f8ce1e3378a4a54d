import { existsSync } from "node:fs";
import { type Browser, chromium, type Locator } from "playwright-core";

/** Debian's Chromium, with the flags that keep it from calling home (TOOLCHAIN.md). */
export const chromiumPath = "/usr/bin/chromium";
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const hasChromium = existsSync(chromiumPath);
if (!hasChromium) {
  if (process.env.CI)
    throw new Error(`CI must provide Chromium at ${chromiumPath} (apt-get install chromium)`);
  console.warn(`Skipping the browser tests: no Chromium at ${chromiumPath} (apt-get install chromium)`);
}

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });

/** Polls `probe` until it answers something truthy; the error names what never happened. */
export async function waitFor<T>(
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

/**
 * Clicks a tab until it is selected: a click that lands after the server's HTML is shown but
 * before React has hydrated the tabs does nothing, and a loaded machine makes that window long.
 */
export async function selectTab(tab: Locator): Promise<void> {
  await waitFor(`the tab ${await tab.textContent()} to be selected`, async () => {
    if ((await tab.getAttribute("aria-selected")) === "true") return true;
    await tab.click();
    await new Promise((resolve) => setTimeout(resolve, 250));
    return (await tab.getAttribute("aria-selected")) === "true";
  });
}
