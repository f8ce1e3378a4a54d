import type { Meta, StoryObj } from "@storybook/react-vite";
import { Label } from "./label";
import { Textarea } from "./textarea";

const meta = {
  title: "Primitives/Textarea",
  component: Textarea,
  args: { placeholder: "What did the technician find?" },
  render: (args) => (
    <div className="grid w-96 gap-2">
      <Label htmlFor="note">Maintenance note</Label>
      <Textarea id="note" {...args} />
    </div>
  ),
} satisfies Meta<typeof Textarea>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Disabled: Story = { args: { disabled: true } };
export const LongContent: Story = {
  args: {
    defaultValue:
      "Intake jammed twice this week. Replaced the belt, cleaned the optical sensor, updated firmware to 2.4.1. ".repeat(
        4,
      ),
  },
};
export const Invalid: Story = { args: { "aria-invalid": true, defaultValue: "" } };
