import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { expect, fn, screen, waitFor } from "storybook/test";
import { Button } from "./button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "./dialog";
import { Input } from "./input";
import { Label } from "./label";

function RenameDialog({
  onConfirm,
  defaultOpen,
}: {
  onConfirm: (name: string) => void;
  defaultOpen?: boolean;
}) {
  const [open, setOpen] = useState(defaultOpen ?? false);
  const [name, setName] = useState("Lobby RVM");
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline">Rename device</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Rename device</DialogTitle>
          <DialogDescription>Staff see this name in lists and alarms.</DialogDescription>
        </DialogHeader>
        <div className="grid gap-2">
          <Label htmlFor="device-name">Name</Label>
          <Input id="device-name" value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Cancel</Button>
          </DialogClose>
          <Button
            onClick={() => {
              onConfirm(name);
              setOpen(false);
            }}
          >
            Save name
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

const meta = {
  title: "Primitives/Dialog",
  component: RenameDialog,
  args: { onConfirm: fn() },
} satisfies Meta<typeof RenameDialog>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Open: Story = { tags: ["screenshot"], args: { defaultOpen: true } };

/** Open, cancel, Escape and confirm; focus goes back to the trigger every time it closes. */
export const OpenConfirmCancelEscape: Story = {
  play: async ({ canvas, userEvent, args, step }) => {
    const trigger = canvas.getByRole("button", { name: "Rename device" });

    await step("cancel closes without saving and returns focus", async () => {
      await userEvent.click(trigger);
      const dialog = await screen.findByRole("dialog", { name: "Rename device" });
      await waitFor(() => expect(dialog).toContainElement(document.activeElement as HTMLElement));
      await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
      await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
      await waitFor(() => expect(trigger).toHaveFocus());
      await expect(args.onConfirm).not.toHaveBeenCalled();
    });

    await step("Escape closes and returns focus", async () => {
      await userEvent.keyboard("{Enter}");
      await screen.findByRole("dialog", { name: "Rename device" });
      await userEvent.keyboard("{Escape}");
      await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
      await waitFor(() => expect(trigger).toHaveFocus());
    });

    await step("confirm saves the edited name", async () => {
      await userEvent.click(trigger);
      const input = await screen.findByLabelText("Name");
      await userEvent.clear(input);
      await userEvent.type(input, "Station 4 RVM");
      await userEvent.click(screen.getByRole("button", { name: "Save name" }));
      await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
      await expect(args.onConfirm).toHaveBeenCalledWith("Station 4 RVM");
      await waitFor(() => expect(trigger).toHaveFocus());
    });
  },
};
