import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { expect, fn, screen, waitFor } from "storybook/test";
import { OptionSelect } from "./option-select";

/** The menu's code loads on the first click (`FirstUse`): allow a cold dev server time to serve it. */
const lazyPart = { timeout: 10_000 };

const statuses = [
  { value: "all", label: "All statuses" },
  { value: "online", label: "Online" },
  { value: "offline", label: "Offline" },
];

const meta = {
  title: "Primitives/Option select",
  component: OptionSelect,
  args: { value: "all", options: statuses, size: "sm", "aria-label": "Status", onValueChange: fn() },
  render: function Render(args) {
    const [value, setValue] = useState(args.value);
    return (
      <OptionSelect
        {...args}
        className="w-40"
        value={value}
        onValueChange={(next) => {
          setValue(next);
          args.onValueChange(next);
        }}
      />
    );
  },
} satisfies Meta<typeof OptionSelect>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Chosen: Story = { args: { value: "offline" } };

/** The first click loads the Radix select and opens it; the choice shows on the trigger. */
export const ChoosesOnFirstClick: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(canvas.getByRole("combobox", { name: "Status" }));
    await userEvent.click(await screen.findByRole("option", { name: "Online" }, lazyPart));
    await waitFor(() => expect(args.onValueChange).toHaveBeenCalledWith("online"));
    await expect(canvas.getByRole("combobox", { name: "Status" })).toHaveTextContent("Online");
  },
};

/** ArrowDown on the focused trigger opens it too, as on Radix's own trigger; Escape gives focus back. */
export const OpensFromTheKeyboard: Story = {
  play: async ({ canvas, userEvent }) => {
    canvas.getByRole("combobox", { name: "Status" }).focus();
    await userEvent.keyboard("{ArrowDown}");
    await expect(await screen.findByRole("listbox", {}, lazyPart)).toBeVisible();
    await userEvent.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("listbox")).toBeNull());
    await waitFor(() => expect(canvas.getByRole("combobox", { name: "Status" })).toHaveFocus());
  },
};
