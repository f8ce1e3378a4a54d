import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, screen, waitFor } from "storybook/test";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "./alert-dialog";
import { Button } from "./button";

function DecommissionConfirm({
  count,
  onConfirm,
  defaultOpen,
}: {
  count: number;
  onConfirm: () => void;
  defaultOpen?: boolean;
}) {
  const devices = `${count} device${count === 1 ? "" : "s"}`;
  return (
    <AlertDialog defaultOpen={defaultOpen}>
      <AlertDialogTrigger asChild>
        <Button variant="destructive">Decommission…</Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Decommission {devices}?</AlertDialogTitle>
          <AlertDialogDescription>
            Their MQTT credentials are revoked at once and they stop sending data. Their history stays. This
            cannot be undone.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Keep them</AlertDialogCancel>
          <AlertDialogAction variant="destructive" onClick={onConfirm}>
            Decommission {devices}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

const meta = {
  title: "Primitives/Alert dialog",
  component: DecommissionConfirm,
  args: { count: 3, onConfirm: fn() },
} satisfies Meta<typeof DecommissionConfirm>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Open: Story = { tags: ["screenshot"], args: { defaultOpen: true } };

export const Confirms: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(canvas.getByRole("button", { name: "Decommission…" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Decommission 3 devices?" });
    // Radix focuses Cancel first: a stray Enter must not destroy anything.
    await waitFor(() => expect(screen.getByRole("button", { name: "Keep them" })).toHaveFocus());
    await userEvent.click(screen.getByRole("button", { name: "Decommission 3 devices" }));
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    await expect(args.onConfirm).toHaveBeenCalledOnce();
  },
};
