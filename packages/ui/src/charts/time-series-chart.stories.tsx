import type { Meta, StoryObj } from "@storybook/react-vite";
import { Profiler } from "react";
import { expect, fireEvent, waitFor } from "storybook/test";
import { BarChart, TimeSeriesChart } from "./lazy";
import type { LiveSubscription, TimeSeries } from "./time-series-chart";

const start = Date.UTC(2026, 10, 1) / 1000;

/** A bin filling and being emptied, one reading a minute, with two outages. */
function fillLevel(points: number, withBand: boolean): TimeSeries {
  const timestamps = new Float64Array(points);
  const values: (number | null)[] = new Array(points);
  const min: (number | null)[] = new Array(points);
  const max: (number | null)[] = new Array(points);
  for (let i = 0; i < points; i++) {
    timestamps[i] = start + i * 60;
    const outage = (i > points * 0.3 && i < points * 0.32) || (i > points * 0.7 && i < points * 0.705);
    const level = ((i % 1440) / 1440) * 90 + 5 * Math.sin(i / 37);
    values[i] = outage ? null : level;
    min[i] = outage ? null : level - 3 - (i % 7);
    max[i] = outage ? null : level + 3 + (i % 5);
  }
  return withBand ? { timestamps, values, min, max } : { timestamps, values };
}

/** Stands in for the live telemetry subscription: the play function emits points. */
function liveFeed() {
  let push: ((t: number, v: number | null) => void) | undefined;
  const subscribe: LiveSubscription = (next) => {
    push = next;
    return () => {
      push = undefined;
    };
  };
  return { subscribe, emit: (t: number, v: number | null) => push?.(t, v) };
}

const big = fillLevel(50_000, true);
const feed = liveFeed();
let commits = 0;

function LiveChart({ data }: { data: TimeSeries }) {
  return (
    <Profiler id="chart" onRender={() => commits++}>
      <TimeSeriesChart
        label="Bin fill level"
        unit="%"
        data={data}
        subscribe={feed.subscribe}
        timeZone="UTC"
      />
    </Profiler>
  );
}

const meta = {
  title: "Charts/Time series",
  component: LiveChart,
  args: { data: big },
  parameters: { layout: "padded" },
  render: (args) => (
    <div className="w-[900px] max-w-full">
      <LiveChart {...args} />
    </div>
  ),
} satisfies Meta<typeof LiveChart>;
export default meta;
type Story = StoryObj<typeof meta>;

const chartHost = (canvasElement: HTMLElement) =>
  canvasElement.querySelector<HTMLElement>("[data-slot=time-series-chart] [role=img]");

/** 50,000 points with a band and gaps; then live points, with no React render for them. */
export const FiftyThousandPointsLive: Story = {
  tags: ["screenshot"],
  play: async ({ canvasElement, step }) => {
    await step("draws 50,000 points", async () => {
      await waitFor(() => expect(chartHost(canvasElement)?.dataset.points).toBe("50000"), {
        timeout: 15_000,
      });
    });
    await step("appends live points straight to the canvas", async () => {
      const before = commits;
      const last = (big.timestamps[big.timestamps.length - 1] as number) + 60;
      for (let i = 0; i < 25; i++) feed.emit(last + i * 60, 50 + i);
      await waitFor(() => expect(chartHost(canvasElement)?.dataset.points).toBe("50025"));
      await expect(commits).toBe(before);
    });
    await step("the crosshair shows time and value", async () => {
      const over = canvasElement.querySelector<HTMLElement>(".u-over");
      if (!over) throw new Error("uPlot's cursor layer is missing");
      const box = over.getBoundingClientRect();
      fireEvent.mouseMove(over, { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 });
      const tip = canvasElement.querySelector<HTMLElement>("[data-slot=chart-tooltip]");
      await waitFor(() => expect(tip).toBeVisible());
      await expect(tip?.textContent).toMatch(/2026.*%|no data/);
    });
  },
};

export const WithoutBand: Story = { args: { data: fillLevel(2_000, false) } };
export const Empty: Story = { args: { data: { timestamps: [], values: [] } } };

/** A device's first reading: the time axis spans minutes around it, not years, and it shows. */
export const OneReading: Story = {
  tags: ["screenshot"],
  args: { data: { timestamps: [start], values: [42] } },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(chartHost(canvasElement)?.dataset.points).toBe("1"));
    await expect(Number(chartHost(canvasElement)?.dataset.xSpan)).toBe(600);
  },
};

export const FleetComposition: Story = {
  tags: ["screenshot"],
  render: () => (
    <div className="w-[600px]">
      <BarChart
        label="Devices by status"
        data={[
          { label: "Online", value: 412 },
          { label: "Offline", value: 32 },
          { label: "Maintenance", value: 14 },
          { label: "Provisioned", value: 36 },
          { label: "Decommissioned", value: 6 },
        ]}
      />
    </div>
  ),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector("[data-slot=bar-chart] canvas")).not.toBeNull());
  },
};
