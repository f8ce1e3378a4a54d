import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, screen, waitFor } from "storybook/test";
import { UserMenu } from "./user-menu";

/** The menu's code loads on the first click (`FirstUse`): allow a cold dev server time to serve it. */
const lazyPart = { timeout: 10_000 };

const meta = {
  title: "Shell/User menu",
  component: UserMenu,
  args: {
    name: "Ada Lovelace",
    email: "ada@revolv.local",
    roleName: "Operator",
    onProfile: fn(),
    onSettings: fn(),
    onSignOut: fn(),
  },
} satisfies Meta<typeof UserMenu>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const LongEmail: Story = {
  args: {
    name: "Maximilian Alexander von Humboldt-Steinberg",
    email: "maximilian.alexander.von.humboldt@revolv.example.com",
  },
};
export const SignsOut: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(canvas.getByRole("button", { name: "Account: Ada Lovelace" }));
    await userEvent.click(await screen.findByRole("menuitem", { name: "Sign out" }, lazyPart));
    await waitFor(() => expect(args.onSignOut).toHaveBeenCalledOnce());
  },
};
