import * as a11yAddonAnnotations from "@storybook/addon-a11y/preview";
import { setProjectAnnotations } from "@storybook/react-vite";
import { afterEach, inject } from "vitest";
import { page } from "vitest/browser";
import * as previewAnnotations from "./preview";

setProjectAnnotations([a11yAddonAnnotations, previewAnnotations]);

// No enter/exit animations under test: Radix keeps a closing menu (and the aria-hidden it put
// on the page) until its exit animation ends, so axe would race the animation, and screenshots
// would catch dialogs half-faded.
const noMotion = document.createElement("style");
noMotion.textContent =
  "*, *::before, *::after { animation: none !important; transition: none !important; caret-color: transparent !important; }";
document.head.append(noMotion);

/**
 * Stories tagged `screenshot` leave a PNG per theme in `.screenshots/<theme>/<story id>.png`
 * (git-ignored) for a person to look at; nothing compares them, so they never fail a run.
 */
afterEach(async (context) => {
  const story = (context as unknown as { story?: { id: string; tags: string[] } }).story;
  if (!story?.tags.includes("screenshot") || context.task.result?.state === "fail") return;
  const dir = inject("screenshotDir");
  const theme = inject("theme");
  await page.screenshot({ path: `${dir}/${theme}/${story.id}.png` });
});

declare module "vitest" {
  export interface ProvidedContext {
    screenshotDir: string;
    theme: "light" | "dark";
  }
}
