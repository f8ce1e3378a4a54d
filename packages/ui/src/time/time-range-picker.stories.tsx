import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { expect, fireEvent, fn, screen, waitFor } from "storybook/test";
import { fixtureNow } from "../fixtures/devices";
import { type TimeRange, TimeRangePicker } from "./time-range-picker";

function Controlled({
  initial,
  timeZone,
  onValueChange,
}: {
  initial: TimeRange;
  timeZone: string;
  onValueChange: (value: TimeRange) => void;
}) {
  const [value, setValue] = useState(initial);
  return (
    <TimeRangePicker
      value={value}
      timeZone={timeZone}
      now={fixtureNow}
      onValueChange={(next) => {
        setValue(next);
        onValueChange(next);
      }}
    />
  );
}

const meta = {
  title: "Domain/Time range picker",
  component: Controlled,
  args: { initial: { preset: "24h" }, timeZone: "Europe/Berlin", onValueChange: fn() },
} satisfies Meta<typeof Controlled>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Last24Hours: Story = { tags: ["screenshot"] };
export const NewYork: Story = { args: { timeZone: "America/New_York", initial: { preset: "7d" } } };

export const UtcOnHover: Story = {
  play: async ({ canvas, userEvent }) => {
    // 12:00 UTC is 13:00 in Berlin in November.
    await expect(canvas.getByRole("button", { name: /30 Nov, 13:00.*Europe\/Berlin/ })).toBeVisible();
    await userEvent.hover(canvas.getByRole("button", { name: /30 Nov, 13:00/ }));
    await expect(await screen.findByRole("tooltip")).toHaveTextContent("29 Nov, 12:00 – 30 Nov, 12:00 UTC");
  },
};

export const PicksPresetAndCustom: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(canvas.getByRole("button", { name: "7d" }));
    await expect(args.onValueChange).toHaveBeenLastCalledWith({ preset: "7d" });
    await expect(canvas.getByRole("button", { name: "7d" })).toHaveAttribute("aria-pressed", "true");

    await userEvent.click(canvas.getByRole("button", { name: "Custom" }));
    // Chromium's datetime-local takes no typed text from user-event; set it as the picker would.
    fireEvent.change(await screen.findByLabelText("From (Europe/Berlin)"), {
      target: { value: "2026-11-01T08:00" },
    });
    fireEvent.change(screen.getByLabelText("To (Europe/Berlin)"), { target: { value: "2026-11-02T08:00" } });
    await userEvent.click(screen.getByRole("button", { name: "Apply" }));
    await waitFor(() =>
      expect(args.onValueChange).toHaveBeenLastCalledWith({
        preset: "custom",
        from: new Date("2026-11-01T07:00:00Z"),
        to: new Date("2026-11-02T07:00:00Z"),
      }),
    );
  },
};
