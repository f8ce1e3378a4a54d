import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, waitFor } from "storybook/test";
import { SecretField } from "./secret-field";

const meta = {
  title: "Domain/Secret field",
  component: SecretField,
  args: {
    label: "MQTT password for RVM-00042",
    secret: "rvl_dev_9f2c81b4e7a04d6c8b1f3e5a7c9d0b2e",
    onCopied: fn(),
  },
  render: (args) => (
    <div className="max-w-xl">
      <SecretField {...args} />
    </div>
  ),
} satisfies Meta<typeof SecretField>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Hidden: Story = { tags: ["screenshot"] };

export const RevealsAndCopies: Story = {
  play: async ({ canvas, userEvent, args }) => {
    const field = canvas.getByLabelText("MQTT password for RVM-00042");
    await expect(field).toHaveAttribute("type", "password");
    await userEvent.click(canvas.getByRole("button", { name: "Show" }));
    await expect(field).toHaveAttribute("type", "text");
    await userEvent.click(canvas.getByRole("button", { name: "Copy" }));
    await waitFor(() => expect(args.onCopied).toHaveBeenCalledOnce());
    await expect(canvas.getByRole("button", { name: "Copied" })).toBeVisible();
    await expect(await navigator.clipboard.readText()).toBe(args.secret);
  },
};

export const LongSecret: Story = { args: { secret: "x".repeat(120) } };
