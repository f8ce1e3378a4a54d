import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, screen } from "storybook/test";
import { Button } from "./button";
import { Toaster, toast } from "./toaster";

function ToastDemo() {
  return (
    <div className="flex flex-wrap gap-2">
      <Toaster />
      <Button variant="outline" onClick={() => toast.success("Device renamed", { description: "Lobby RVM" })}>
        Success
      </Button>
      <Button
        variant="outline"
        onClick={() => toast.error("Could not save", { description: "Internal error (request 7f3a9c)" })}
      >
        Error
      </Button>
      <Button
        variant="outline"
        onClick={() => toast("3 alarms acknowledged", { action: { label: "Undo", onClick: () => {} } })}
      >
        With action
      </Button>
    </div>
  );
}

const meta = { title: "Primitives/Toast", component: ToastDemo } satisfies Meta<typeof ToastDemo>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Success: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole("button", { name: "Success" }));
    await expect(await screen.findByText("Device renamed")).toBeVisible();
  },
};
export const ErrorWithRequestId: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole("button", { name: "Error" }));
    await expect(await screen.findByText("Internal error (request 7f3a9c)")).toBeVisible();
  },
};
export const WithAction: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole("button", { name: "With action" }));
    await expect(await screen.findByRole("button", { name: "Undo" })).toBeVisible();
  },
};
