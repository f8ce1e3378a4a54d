import type { Meta, StoryObj } from "@storybook/react-vite";
import { Button } from "./button";
import { Popover, PopoverContent, PopoverTrigger } from "./popover";

const meta = {
  title: "Primitives/Popover",
  component: Popover,
  render: (args) => (
    <Popover {...args}>
      <PopoverTrigger asChild>
        <Button variant="outline">Why offline?</Button>
      </PopoverTrigger>
      <PopoverContent aria-labelledby="why-offline-title">
        <p id="why-offline-title" className="text-sm font-medium">
          Last will received
        </p>
        <p className="text-sm text-muted-foreground">
          The broker reported an unexpected disconnect at 14:02 (keep-alive timeout).
        </p>
      </PopoverContent>
    </Popover>
  ),
} satisfies Meta<typeof Popover>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Closed: Story = {};
export const Open: Story = { args: { defaultOpen: true } };
