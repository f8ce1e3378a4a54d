import type { StorybookConfig } from "@storybook/react-vite";
import tailwindcss from "@tailwindcss/vite";

const prebundled = [
  "react",
  "react-dom",
  "react-dom/client",
  "react/jsx-runtime",
  "radix-ui",
  "sonner",
  "cmdk",
  "lucide-react",
  "class-variance-authority",
  "clsx",
  "tailwind-merge",
  "react-hook-form",
  "@hookform/resolvers/zod",
  "@tanstack/react-table",
  "uplot",
  "zod",
];

const config: StorybookConfig = {
  framework: "@storybook/react-vite",
  stories: ["../src/**/*.stories.@(ts|tsx)"],
  addons: ["@storybook/addon-docs", "@storybook/addon-a11y", "@storybook/addon-vitest"],
  // Nothing leaves the machine unless the operator opts in (same rule as turbo and Next).
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  typescript: { reactDocgen: "react-docgen" },
  async viteFinal(viteConfig) {
    viteConfig.plugins = [...(viteConfig.plugins ?? []), tailwindcss()];
    // Pre-bundled up front: a dependency discovered mid-run makes Vite re-optimise and reload,
    // which loaded a second React in the test browser ("Cannot read properties of null").
    viteConfig.optimizeDeps = {
      ...viteConfig.optimizeDeps,
      include: [...(viteConfig.optimizeDeps?.include ?? []), ...prebundled],
    };
    return viteConfig;
  },
};

export default config;
