import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { expect, fn, screen, waitFor } from "storybook/test";
import { fixtureDevices } from "../fixtures/devices";
import { Label } from "../primitives/label";
import { Combobox, type ComboboxOption } from "./combobox";

const fleet = fixtureDevices(95);

/** Stands in for a `device.list({ search })` call: answers a tick later, as a server would. */
const searchDevices = (query: string, signal: AbortSignal): Promise<ComboboxOption[]> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      const q = query.toLowerCase();
      resolve(
        fleet
          .filter((d) => d.name.toLowerCase().includes(q) || d.serialNumber.toLowerCase().includes(q))
          .slice(0, 8)
          .map((d) => ({ value: d.id, label: d.name, description: d.serialNumber })),
      );
    });
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

function Demo({
  onValueChange,
  search,
}: {
  onValueChange: (v: ComboboxOption | null) => void;
  search: typeof searchDevices;
}) {
  const [value, setValue] = useState<ComboboxOption | null>(null);
  return (
    <div className="grid gap-2">
      <Label id="device-label">Device</Label>
      <Combobox
        aria-labelledby="device-label"
        value={value}
        onValueChange={(next) => {
          setValue(next);
          onValueChange(next);
        }}
        search={search}
        placeholder="Choose a device"
        searchPlaceholder="Search name or serial"
        emptyText="No device matches."
      />
    </div>
  );
}

const meta = {
  title: "Domain/Combobox",
  component: Demo,
  args: { onValueChange: fn(), search: searchDevices },
} satisfies Meta<typeof Demo>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

export const SearchesAndPicks: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(canvas.getByRole("combobox", { name: "Device" }));
    const input = await screen.findByRole("combobox", { name: "Search name or serial" });
    await userEvent.type(input, "SBX-00003");
    const option = await screen.findByRole("option", { name: /SBX-00003/ });
    await waitFor(() => expect(screen.getAllByRole("option")).toHaveLength(1));
    await userEvent.click(option);
    const chosen = fleet[2];
    await expect(args.onValueChange).toHaveBeenCalledWith(expect.objectContaining({ value: chosen?.id }));
    await expect(canvas.getByRole("combobox", { name: "Device" })).toHaveTextContent(chosen?.name ?? "");
  },
};

export const NoMatch: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole("combobox", { name: "Device" }));
    await userEvent.type(
      await screen.findByRole("combobox", { name: "Search name or serial" }),
      "no such device",
    );
    await expect(await screen.findByText("No device matches.")).toBeVisible();
  },
};
