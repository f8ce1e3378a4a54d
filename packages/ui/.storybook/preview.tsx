import type { Decorator, Preview } from "@storybook/react-vite";
import { useLayoutEffect } from "react";
import "../src/styles.css";

export type Theme = "light" | "dark";

/**
 * Dark mode is one class on <html>, as in the app; body colours come from the tokens, so axe
 * measures contrast against the real page background of the theme under test.
 */
const withTheme: Decorator = (Story, context) => {
  const theme: Theme = context.globals.theme === "dark" ? "dark" : "light";
  // Before paint and before the a11y check that runs after the story: the class must be set
  // when axe reads computed colours.
  if (typeof document !== "undefined") document.documentElement.classList.toggle("dark", theme === "dark");
  useLayoutEffect(() => {
    document.documentElement.classList.toggle("dark", theme === "dark");
    document.documentElement.style.colorScheme = theme;
  }, [theme]);
  // Storybook pads the canvas itself; the Vitest run has no such frame, so screenshots and
  // focus rings would touch the edge without this.
  return context.parameters.layout === "fullscreen" ? (
    <Story />
  ) : (
    <div className="p-4">
      <Story />
    </div>
  );
};

const preview: Preview = {
  tags: ["autodocs"],
  decorators: [withTheme],
  globalTypes: {
    theme: {
      description: "Colour theme (the class on <html>)",
      toolbar: {
        title: "Theme",
        icon: "mirror",
        items: [
          { value: "light", title: "Light", icon: "sun" },
          { value: "dark", title: "Dark", icon: "moon" },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: "light" },
  parameters: {
    layout: "padded",
    controls: { matchers: { color: /(background|color)$/i, date: /Date$/i } },
    // Every story is an accessibility test: WCAG 2.1 AA (colour contrast included) fails it.
    a11y: {
      test: "error",
      options: {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
      },
    },
  },
};

export default preview;
