/**
 * Dependencies Vite pre-bundles up front, for Storybook and the test projects alike: one
 * discovered mid-run makes Vite re-optimise and reload, which loaded a second React in the test
 * browser ("Cannot read properties of null (reading 'useState')").
 */
export const prebundled = [
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
