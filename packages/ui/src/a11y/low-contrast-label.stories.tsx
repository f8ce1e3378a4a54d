import type { Meta, StoryObj } from "@storybook/react-vite";

/**
 * Fixtures for the accessibility gate's own test (`a11y-gate.browser.test.tsx`): one story
 * that violates WCAG colour contrast on purpose and one that does not. Tagged `!test` and
 * `!dev` so the story run and the Storybook sidebar leave them out; only that test runs them.
 */
const meta = {
  title: "Internal/A11y gate",
  tags: ["!test", "!dev", "!autodocs"],
} satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

export const LowContrast: Story = {
  render: () => <p style={{ color: "#bbbbbb", background: "#ffffff" }}>Grey on white: 1.9:1</p>,
};

export const GoodContrast: Story = {
  render: () => <p style={{ color: "#333333", background: "#ffffff" }}>Dark grey on white: 12.6:1</p>,
};

/** Readable on the light page, unreadable on the dark one: the gate must check both themes. */
export const DarkTextInDarkTheme: Story = {
  globals: { theme: "dark" },
  render: () => <p style={{ color: "#333333" }}>Dark grey on the page background</p>,
};
