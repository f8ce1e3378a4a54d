import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect } from "storybook/test";
import { LocalTime } from "./local-time";

const meta = {
  title: "Domain/Local time",
  component: LocalTime,
  args: { value: new Date("2026-03-10T12:20:05Z") },
} satisfies Meta<typeof LocalTime>;
export default meta;
type Story = StoryObj<typeof meta>;

export const DateAndTime: Story = {
  tags: ["screenshot"],
  play: async ({ canvas }) => {
    const time = canvas.getByText((_, element) => element?.tagName === "TIME");
    await expect(time).toHaveAttribute("datetime", "2026-03-10T12:20:05.000Z");
    await expect(time).toHaveAttribute("title", "10 Mar 2026, 12:20:05 UTC");
  },
};

export const DateOnly: Story = { args: { format: "date" } };

export const TimeOnly: Story = { args: { format: "time" } };
