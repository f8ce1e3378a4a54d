import type { Meta, StoryObj } from "@storybook/react-vite";
import { Cpu, WifiOff } from "lucide-react";
import { expect } from "storybook/test";
import { KpiCard } from "./kpi-card";

const trend = Array.from({ length: 24 }, (_, i) => 420 + Math.round(20 * Math.sin(i / 3) + i * 2));

const meta = {
  title: "Domain/KPI card",
  component: KpiCard,
  args: {
    title: "Devices online",
    value: "468",
    unit: "of 500",
    delta: { value: 0.034, goodWhen: "up", period: "vs. yesterday" },
    trend,
    trendLabel: "Devices online over the last 24 hours, rising",
    href: "#devices?status=online",
    icon: <Cpu className="size-4" aria-hidden />,
  },
  render: (args) => (
    <div className="w-72">
      <KpiCard {...args} />
    </div>
  ),
} satisfies Meta<typeof KpiCard>;
export default meta;
type Story = StoryObj<typeof meta>;

export const GoodNews: Story = {
  tags: ["screenshot"],
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("link")).toHaveAttribute("href", "#devices?status=online");
    await expect(canvas.getByText("+3.4% vs. yesterday").parentElement).toHaveAttribute("data-good", "true");
  },
};
export const BadNews: Story = {
  args: {
    title: "Devices offline",
    value: "32",
    unit: undefined,
    delta: { value: 0.28, goodWhen: "down", period: "vs. yesterday" },
    trendLabel: "Devices offline over the last 24 hours, rising",
    href: "#devices?status=offline",
    icon: <WifiOff className="size-4" aria-hidden />,
  },
};
export const GapsInTrend: Story = { args: { trend: [3, 4, null, null, 6, 5, 7, null, 8, 9] } };
export const Loading: Story = { args: { loading: true } };
export const NoDelta: Story = { args: { delta: undefined, trend: undefined, href: undefined } };
