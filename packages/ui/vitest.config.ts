import { existsSync } from "node:fs";
import path from "node:path";
import { storybookTest } from "@storybook/addon-vitest/vitest-plugin";
import tailwindcss from "@tailwindcss/vite";
import { playwright } from "@vitest/browser-playwright";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import { prebundled } from "./.storybook/prebundled.ts";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// The repository's rule for engines a laptop may lack: skip with a reason, but never in CI.
const haveChromium = existsSync(chromium);
if (!haveChromium) {
  if (process.env.CI)
    throw new Error(`No Chromium at ${chromium}: install Debian's chromium or set CHROMIUM_PATH`);
  console.warn(`@revolv/ui: skipping the story tests, no Chromium at ${chromium} (set CHROMIUM_PATH)`);
}

const configDir = path.join(import.meta.dirname, ".storybook");
const screenshotDir = path.join(import.meta.dirname, ".screenshots");

// Debian's Chromium: nothing is downloaded. The flags keep it from phoning home, which
// otherwise opens many refused connections and slows every test (TOOLCHAIN.md).
const browser = (name: string) => ({
  enabled: true,
  headless: true,
  provider: playwright({
    // The copy-once secret field writes to the clipboard, as it does for a user who clicks Copy.
    contextOptions: { permissions: ["clipboard-read", "clipboard-write"] },
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  }),
  instances: [{ browser: "chromium" as const, name }],
});

/**
 * Every story runs once per theme: the `theme` global puts `dark` on <html>, so axe checks
 * colour contrast against each theme's own tokens and play functions run in both.
 */
function storiesIn(theme: "light" | "dark"): TestProjectInlineConfiguration {
  return {
    extends: true,
    plugins: [storybookTest({ configDir, initialGlobals: { theme } })],
    test: {
      name: `stories-${theme}`,
      browser: browser(`stories-${theme}`),
      setupFiles: [path.join(configDir, "vitest.setup.ts")],
      provide: { screenshotDir, theme },
    },
  };
}

/** Plain browser tests that compose stories themselves, such as the a11y gate's own test. */
const browserTests: TestProjectInlineConfiguration = {
  extends: true,
  plugins: [tailwindcss()],
  optimizeDeps: { include: prebundled },
  test: {
    name: "browser",
    include: ["src/**/*.browser.test.tsx"],
    browser: browser("browser"),
    setupFiles: [path.join(configDir, "vitest.setup.ts")],
    provide: { screenshotDir, theme: "light" },
    // What addon-vitest sets for its own runs: the a11y addon throws on a violation only then.
    env: { VITEST_STORYBOOK: "false" },
  },
};

export default defineConfig({
  test: {
    testTimeout: 60_000,
    reporters: ["default", "json"],
    outputFile: { json: ".test-results/vitest.json" },
    ...(haveChromium
      ? { projects: [storiesIn("light"), storiesIn("dark"), browserTests] }
      : { include: [], passWithNoTests: true }),
  },
});
