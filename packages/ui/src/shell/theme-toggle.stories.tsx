import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { expect, fn, screen, waitFor } from "storybook/test";
import { type ThemePreference, ThemeToggle } from "./theme-toggle";

/** The menu's code loads on the first click (`FirstUse`): allow a cold dev server time to serve it. */
const lazyPart = { timeout: 10_000 };

const meta = {
  title: "Shell/Theme toggle",
  component: ThemeToggle,
  args: { value: "system", onValueChange: fn() },
  render: function Render(args) {
    const [value, setValue] = useState<ThemePreference>(args.value);
    return (
      <ThemeToggle
        value={value}
        onValueChange={(next) => {
          setValue(next);
          args.onValueChange(next);
        }}
      />
    );
  },
} satisfies Meta<typeof ThemeToggle>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const ChoosesDark: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(canvas.getByRole("button", { name: "Theme: System" }));
    await userEvent.click(await screen.findByRole("menuitemradio", { name: "Dark" }, lazyPart));
    await waitFor(() => expect(args.onValueChange).toHaveBeenCalledWith("dark"));
    await expect(canvas.getByRole("button", { name: "Theme: Dark" })).toBeInTheDocument();
  },
};
