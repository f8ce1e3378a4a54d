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

/** Enter on the plain trigger loads the menu and focuses its first item, as on Radix's own trigger. */
export const OpensFromTheKeyboard: Story = {
  play: async ({ canvas, userEvent, args }) => {
    canvas.getByRole("button", { name: "Account: Ada Lovelace" }).focus();
    await userEvent.keyboard("{Enter}");
    const profile = await screen.findByRole("menuitem", { name: "Profile" }, lazyPart);
    await waitFor(() => expect(profile).toHaveFocus());
    await userEvent.keyboard("{ArrowDown}");
    await expect(screen.getByRole("menuitem", { name: "Settings" })).toHaveFocus();
    await userEvent.keyboard("{Escape}");
    await userEvent.click(canvas.getByRole("button", { name: "Account: Ada Lovelace" }));
    // A pointer opens it on the menu itself, not on an item (Radix's own rule).
    await waitFor(() => expect(screen.getByRole("menu")).toHaveFocus());
    await userEvent.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("menu")).not.toBeInTheDocument());
    await expect(args.onProfile).not.toHaveBeenCalled();
  },
};
