import type { Meta, StoryObj } from "@storybook/react-vite";
import { KeyRound, Pencil, Trash2 } from "lucide-react";
import { expect, fn, screen, waitFor } from "storybook/test";
import { radixModalA11y } from "../a11y/radix-modal";
import { Button } from "./button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuShortcut,
  DropdownMenuTrigger,
} from "./dropdown-menu";

function DeviceActions({
  onRename,
  onRotate,
  onDecommission,
  defaultOpen,
}: {
  onRename: () => void;
  onRotate: () => void;
  onDecommission: () => void;
  defaultOpen?: boolean;
}) {
  return (
    <DropdownMenu defaultOpen={defaultOpen}>
      <DropdownMenuTrigger asChild>
        <Button variant="outline">Actions</Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-56">
        <DropdownMenuLabel>RVM-00042</DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={onRename}>
          <Pencil /> Rename <DropdownMenuShortcut>R</DropdownMenuShortcut>
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={onRotate}>
          <KeyRound /> Rotate credential
        </DropdownMenuItem>
        <DropdownMenuItem disabled>Move to site (no permission)</DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem variant="destructive" onSelect={onDecommission}>
          <Trash2 /> Decommission
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

const meta = {
  title: "Primitives/Dropdown menu",
  component: DeviceActions,
  args: { onRename: fn(), onRotate: fn(), onDecommission: fn() },
} satisfies Meta<typeof DeviceActions>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Open: Story = { args: { defaultOpen: true }, parameters: { a11y: radixModalA11y } };

export const ChoosesByKeyboard: Story = {
  play: async ({ canvas, userEvent, args }) => {
    canvas.getByRole("button", { name: "Actions" }).focus();
    await userEvent.keyboard("{Enter}");
    await screen.findByRole("menu");
    await userEvent.keyboard("{ArrowDown}{Enter}");
    await waitFor(() => expect(args.onRotate).toHaveBeenCalledOnce());
  },
};
