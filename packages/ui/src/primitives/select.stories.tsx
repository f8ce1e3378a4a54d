import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, screen, waitFor } from "storybook/test";
import { Label } from "./label";
import {
  Select,
  SelectContent,
  SelectGroup,
  SelectItem,
  SelectLabel,
  SelectTrigger,
  SelectValue,
} from "./select";

const meta = {
  title: "Primitives/Select",
  component: Select,
  args: { onValueChange: fn() },
  render: (args) => (
    <div className="grid w-64 gap-2">
      <Label htmlFor="type">Device type</Label>
      <Select {...args}>
        <SelectTrigger id="type" className="w-full" aria-invalid={args.name === "invalid" || undefined}>
          <SelectValue placeholder="Choose a type" />
        </SelectTrigger>
        <SelectContent>
          <SelectGroup>
            <SelectLabel>Types</SelectLabel>
            <SelectItem value="rvm">Reverse vending machine</SelectItem>
            <SelectItem value="soundbox">Soundbox</SelectItem>
            <SelectItem value="kiosk" disabled>
              Kiosk (coming)
            </SelectItem>
          </SelectGroup>
        </SelectContent>
      </Select>
    </div>
  ),
} satisfies Meta<typeof Select>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Placeholder: Story = {};
export const Selected: Story = { args: { defaultValue: "rvm" } };
export const Disabled: Story = { args: { disabled: true, defaultValue: "soundbox" } };
export const Invalid: Story = { args: { name: "invalid" } };

export const PicksByKeyboard: Story = {
  play: async ({ canvas, userEvent, args }) => {
    const trigger = canvas.getByRole("combobox", { name: "Device type" });
    trigger.focus();
    await userEvent.keyboard("{Enter}");
    await screen.findByRole("listbox");
    await userEvent.keyboard("{ArrowDown}{Enter}");
    await waitFor(() => expect(args.onValueChange).toHaveBeenCalledWith("soundbox"));
    await expect(trigger).toHaveTextContent("Soundbox");
  },
};
