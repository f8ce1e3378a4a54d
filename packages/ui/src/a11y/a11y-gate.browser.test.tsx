import { composeStories } from "@storybook/react-vite";
import { describe, expect, it } from "vitest";
import * as stories from "./low-contrast-label.stories";

const { LowContrast, GoodContrast, DarkTextInDarkTheme } = composeStories(stories);

// The story run passes only if axe really fails a story: run the gate on a known violation.
describe("accessibility gate", () => {
  it("fails a story whose text has too little contrast", async () => {
    await expect(LowContrast.run()).rejects.toThrow(/color-contrast/);
  });

  it("fails a story that is readable in light but not in the dark theme", async () => {
    await expect(DarkTextInDarkTheme.run()).rejects.toThrow(/color-contrast/);
    expect(document.documentElement.classList.contains("dark")).toBe(true);
  });

  it("passes the same story with enough contrast", async () => {
    await GoodContrast.run();
    const report = GoodContrast.reporting.reports.find((r) => r.type === "a11y");
    expect(report?.status).toBe("passed");
  });
});
