import type { Meta, StoryObj } from "@storybook/react-vite";
import { Download, Trash2 } from "lucide-react";
import { expect, fn } from "storybook/test";
import { Button } from "./button";

const meta = {
  title: "Primitives/Button",
  component: Button,
  args: { children: "Save changes", onClick: fn() },
} satisfies Meta<typeof Button>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  tags: ["screenshot"],
  render: (args) => (
    <div className="flex flex-wrap items-center gap-3">
      <Button {...args} />
      <Button {...args} variant="secondary">
        Secondary
      </Button>
      <Button {...args} variant="outline">
        <Download /> Export CSV
      </Button>
      <Button {...args} variant="ghost">
        Ghost
      </Button>
      <Button {...args} variant="destructive">
        <Trash2 /> Decommission
      </Button>
      <Button {...args} variant="link">
        Link
      </Button>
    </div>
  ),
};

export const Disabled: Story = { args: { disabled: true } };

export const Loading: Story = {
  args: { loading: true, children: "Saving…" },
  play: async ({ canvas }) => {
    const button = canvas.getByRole("button", { name: "Saving…" });
    await expect(button).toBeDisabled();
    await expect(button).toHaveAttribute("aria-busy", "true");
  },
};

export const IconOnly: Story = {
  args: { size: "icon", variant: "outline", "aria-label": "Download", children: <Download /> },
};

export const LongLabel: Story = {
  args: { children: "Acknowledge every active alarm on the 240 selected devices" },
};

/** A link styled as a button: the one child takes the button's classes, with no spinner beside it. */
export const AsLink: Story = {
  args: { onClick: undefined },
  render: (args) => (
    <Button {...args} asChild variant="outline">
      <a href="#credentials.csv" download>
        <Download /> Download credentials
      </a>
    </Button>
  ),
  play: async ({ canvas }) => {
    const link = canvas.getByRole("link", { name: "Download credentials" });
    await expect(link).toHaveAttribute("data-slot", "button");
    await expect(link.className).toContain("border");
  },
};
