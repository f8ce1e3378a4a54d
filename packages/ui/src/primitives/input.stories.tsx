import type { Meta, StoryObj } from "@storybook/react-vite";
import { Input } from "./input";
import { Label } from "./label";

const meta = {
  title: "Primitives/Input",
  component: Input,
  args: { placeholder: "RVM-00042" },
  render: (args) => (
    <div className="grid w-80 gap-2">
      <Label htmlFor="serial">Serial number</Label>
      <Input id="serial" {...args} />
    </div>
  ),
} satisfies Meta<typeof Input>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = { tags: ["screenshot"] };
export const Filled: Story = { args: { defaultValue: "RVM-00042" } };
export const Disabled: Story = { args: { disabled: true, defaultValue: "RVM-00042" } };
export const Invalid: Story = {
  render: (args) => (
    <div className="grid w-80 gap-2">
      <Label htmlFor="serial-bad">Serial number</Label>
      <Input id="serial-bad" aria-invalid aria-describedby="serial-bad-error" defaultValue="R!" {...args} />
      <p id="serial-bad-error" className="text-sm text-destructive">
        Serial number must be at least 3 characters
      </p>
    </div>
  ),
};
