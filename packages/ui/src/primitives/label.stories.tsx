import type { Meta, StoryObj } from "@storybook/react-vite";
import { Checkbox } from "./checkbox";
import { Label } from "./label";

const meta = { title: "Primitives/Label", component: Label } satisfies Meta<typeof Label>;
export default meta;
type Story = StoryObj<typeof meta>;

export const WithControl: Story = {
  render: () => (
    <div className="flex items-center gap-2">
      <Checkbox id="notify" />
      <Label htmlFor="notify">E-mail me when a device goes offline</Label>
    </div>
  ),
};
export const DisabledControl: Story = {
  render: () => (
    <div className="flex items-center gap-2">
      <Checkbox id="notify-off" disabled />
      <Label htmlFor="notify-off">Only admins can change this</Label>
    </div>
  ),
};
