import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, userEvent, waitFor } from "storybook/test";
import { DeviceForm } from "./device-form";

const meta = {
  title: "Forms/Device form",
  component: DeviceForm,
  args: { onSubmit: fn(async () => {}) },
} satisfies Meta<typeof DeviceForm>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = { tags: ["screenshot"] };

/** What a tRPC mutation throws when the server refuses the input (packages/api errorFormatter). */
const serialTaken = Object.assign(
  new Error("serialNumber: A device with this serial number already exists"),
  {
    data: {
      code: "BAD_REQUEST",
      requestId: "req_7f3a9c",
      issues: {
        formErrors: [],
        fieldErrors: { serialNumber: ["A device with this serial number already exists"] },
      },
    },
  },
);

export const ZodErrorsThenServerError: Story = {
  args: { onSubmit: fn(async () => Promise.reject(serialTaken)) },
  play: async ({ canvas, args, step }) => {
    const submit = canvas.getByRole("button", { name: "Register device" });

    await step("the shared Zod schema rejects empty and malformed fields", async () => {
      await userEvent.type(canvas.getByLabelText("Serial number"), "R!");
      await userEvent.type(canvas.getByLabelText("Firmware version (optional)"), "two");
      await userEvent.click(submit);
      await expect(await canvas.findByText("Serial number must be at least 3 characters")).toBeVisible();
      await expect(canvas.getByText("Name is required")).toBeVisible();
      await expect(canvas.getByText("Site is required")).toBeVisible();
      await expect(canvas.getByText("Firmware version must look like 1.2.3")).toBeVisible();
      await expect(canvas.getByLabelText("Name")).toHaveAttribute("aria-invalid", "true");
      await expect(args.onSubmit).not.toHaveBeenCalled();
    });

    await step("the server's issue lands on its field", async () => {
      const serial = canvas.getByLabelText("Serial number");
      await userEvent.clear(serial);
      await userEvent.type(serial, "RVM-00042");
      await userEvent.type(canvas.getByLabelText("Name"), "Lobby RVM");
      await userEvent.type(canvas.getByLabelText("Site"), "Building A");
      await userEvent.clear(canvas.getByLabelText("Firmware version (optional)"));
      await userEvent.click(submit);
      await waitFor(() => expect(args.onSubmit).toHaveBeenCalledOnce());
      const message = await canvas.findByText("A device with this serial number already exists");
      await expect(serial).toHaveAttribute("aria-invalid", "true");
      await expect(serial.getAttribute("aria-describedby")).toContain(message.id);
      await waitFor(() => expect(serial).toHaveFocus());
      await expect(canvas.getByLabelText("Name")).toHaveAttribute("aria-invalid", "false");
    });
  },
};

export const ServerFailureWithoutIssues: Story = {
  args: { onSubmit: fn(async () => Promise.reject(new Error("Internal error (request req_51b0)"))) },
  play: async ({ canvas, args }) => {
    await userEvent.type(canvas.getByLabelText("Serial number"), "RVM-00042");
    await userEvent.type(canvas.getByLabelText("Name"), "Lobby RVM");
    await userEvent.type(canvas.getByLabelText("Site"), "Building A");
    await userEvent.click(canvas.getByRole("button", { name: "Register device" }));
    await waitFor(() => expect(args.onSubmit).toHaveBeenCalledOnce());
    await expect(await canvas.findByRole("alert")).toHaveTextContent("Internal error (request req_51b0)");
  },
};
