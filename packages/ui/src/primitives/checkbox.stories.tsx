import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn } from "storybook/test";
import { Checkbox } from "./checkbox";
import { Label } from "./label";

const meta = {
  title: "Primitives/Checkbox",
  component: Checkbox,
  render: (args) => (
    <div className="flex items-center gap-2">
      <Checkbox id="cb" {...args} />
      <Label htmlFor="cb">Include decommissioned devices</Label>
    </div>
  ),
} satisfies Meta<typeof Checkbox>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Unchecked: Story = {
  play: async ({ canvas, userEvent }) => {
    const box = canvas.getByRole("checkbox", { name: "Include decommissioned devices" });
    await userEvent.click(canvas.getByText("Include decommissioned devices"));
    await expect(box).toBeChecked();
  },
};
export const Checked: Story = {
  args: { defaultChecked: true },
  play: async ({ canvas, userEvent }) => {
    const box = canvas.getByRole("checkbox", { name: "Include decommissioned devices" });
    await expect(box).toBeChecked();
    await userEvent.keyboard("{Tab}");
    await expect(box).toHaveFocus();
    await userEvent.keyboard(" ");
    await expect(box).not.toBeChecked();
  },
};
/** A partly selected page: the mixed state; a click selects all (as the tables expect). */
export const Indeterminate: Story = {
  args: { checked: "indeterminate", onCheckedChange: fn() },
  play: async ({ canvas, userEvent, args }) => {
    const box = canvas.getByRole("checkbox", { name: "Include decommissioned devices" });
    await expect(box).toBePartiallyChecked();
    await userEvent.click(box);
    await expect(args.onCheckedChange).toHaveBeenCalledWith(true);
  },
};
export const Disabled: Story = {
  args: { disabled: true, onCheckedChange: fn() },
  play: async ({ canvas, userEvent, args }) => {
    const box = canvas.getByRole("checkbox", { name: "Include decommissioned devices" });
    await expect(box).toBeDisabled();
    await userEvent.click(canvas.getByText("Include decommissioned devices"));
    await expect(args.onCheckedChange).not.toHaveBeenCalled();
  },
};
