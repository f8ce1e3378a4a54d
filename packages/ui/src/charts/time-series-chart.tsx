import { useEffect, useRef } from "react";
import uPlot, { type AlignedData, type Options } from "uplot";
import "uplot/dist/uPlot.min.css";
import { cn } from "../cn";
import { chartTheme, useThemeVersion } from "./theme";

/** One telemetry series: seconds since the epoch, and values where `null` is a gap. */
export type TimeSeries = {
  timestamps: ArrayLike<number>;
  values: ArrayLike<number | null>;
  /** Rollup buckets: the min and max of each bucket, drawn as a band around the mean. */
  min?: ArrayLike<number | null>;
  max?: ArrayLike<number | null>;
};

/** Feeds live points in without rendering React: returns the unsubscribe function. */
export type LiveSubscription = (push: (timestamp: number, value: number | null) => void) => () => void;

export type TimeSeriesChartProps = {
  /** Names the chart for screen readers and the tooltip, e.g. "Bin fill level". */
  label: string;
  unit?: string;
  data: TimeSeries;
  subscribe?: LiveSubscription;
  /** Keep at most this many points while live points arrive (oldest dropped). */
  maxPoints?: number;
  height?: number;
  timeZone?: string;
  className?: string;
};

const number = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });

function toColumns(data: TimeSeries): { columns: (number | null)[][]; hasBand: boolean } {
  const hasBand = !!data.min && !!data.max;
  const columns = [Array.from(data.timestamps), Array.from(data.values)] as (number | null)[][];
  if (hasBand) columns.push(Array.from(data.min ?? []), Array.from(data.max ?? []));
  return { columns, hasBand };
}

/**
 * Telemetry over time on uPlot's canvas: tens of thousands of points, a min/max band for rollup
 * buckets, gaps where data is missing, a crosshair tooltip, live points appended straight into
 * the canvas (React renders once), colours from the theme's CSS variables.
 */
export function TimeSeriesChart({
  label,
  unit,
  data,
  subscribe,
  maxPoints = 100_000,
  height = 280,
  timeZone,
  className,
}: TimeSeriesChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const tooltip = useRef<HTMLDivElement>(null);
  const themeVersion = useThemeVersion();

  // biome-ignore lint/correctness/useExhaustiveDependencies: themeVersion rebuilds the chart in the new colours
  useEffect(() => {
    const element = host.current;
    const tip = tooltip.current;
    if (!element || !tip) return;
    const theme = chartTheme();
    const { columns, hasBand } = toColumns(data);
    const formatTime = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      dateStyle: "medium",
      timeStyle: "medium",
    });
    const axis = {
      stroke: theme.axis,
      grid: { stroke: theme.grid, width: 1 },
      ticks: { stroke: theme.grid, width: 1 },
      font: theme.font,
    };
    const options: Options = {
      width: element.clientWidth || 600,
      height,
      legend: { show: false },
      cursor: { drag: { x: true, y: false }, points: { size: 6 } },
      ...(timeZone ? { tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), timeZone) } : {}),
      scales: {
        x: {
          time: true,
          // For one reading (a device's first) uPlot spans a day in milliseconds, which in
          // seconds is 1,000 days: years of empty axis. Five minutes either side instead.
          range: (u, min, max) => {
            const only = u.data[0].length === 1 ? u.data[0][0] : undefined;
            return only === undefined ? [min, max] : [only - 300, only + 300];
          },
        },
      },
      axes: [
        axis,
        {
          ...axis,
          size: 56,
          values: (_u, ticks) => ticks.map((v) => `${number.format(v)}${unit ? ` ${unit}` : ""}`),
        },
      ],
      series: [
        {},
        // uPlot's own rule for points: drawn while they are far enough apart (a lone reading
        // has no line to show it), hidden on dense series.
        { label, stroke: theme.series[0], width: 1.5, spanGaps: false },
        ...(hasBand
          ? [
              { label: "min", stroke: "transparent", points: { show: false } },
              { label: "max", stroke: "transparent", points: { show: false } },
            ]
          : []),
      ],
      bands: hasBand ? [{ series: [3, 2], fill: theme.band }] : undefined,
      hooks: {
        setCursor: [
          (u) => {
            const index = u.cursor.idx;
            const left = u.cursor.left ?? -1;
            if (index == null || left < 0) {
              tip.hidden = true;
              return;
            }
            const t = u.data[0][index] as number;
            const v = u.data[1]?.[index];
            tip.hidden = false;
            tip.textContent = `${formatTime.format(new Date(t * 1000))} · ${v == null ? "no data" : `${number.format(v)}${unit ? ` ${unit}` : ""}`}`;
            const x = Math.min(left + u.over.offsetLeft + 12, element.clientWidth - tip.offsetWidth - 4);
            tip.style.transform = `translate(${Math.max(x, 0)}px, ${u.over.offsetTop + 8}px)`;
          },
        ],
        draw: [
          (u) => {
            element.dataset.points = String(u.data[0].length);
            element.dataset.xSpan = String((u.scales.x?.max ?? 0) - (u.scales.x?.min ?? 0));
          },
        ],
      },
    };
    const chart = new uPlot(options, columns as AlignedData, element);

    const resize = new ResizeObserver(() => chart.setSize({ width: element.clientWidth, height }));
    resize.observe(element);

    // Live points go into the column arrays and straight to the canvas; React never re-renders.
    const unsubscribe = subscribe?.((timestamp, value) => {
      columns[0]?.push(timestamp);
      columns[1]?.push(value);
      if (hasBand) {
        columns[2]?.push(value);
        columns[3]?.push(value);
      }
      if ((columns[0]?.length ?? 0) > maxPoints) for (const column of columns) column.shift();
      chart.setData(columns as AlignedData);
    });

    return () => {
      unsubscribe?.();
      resize.disconnect();
      chart.destroy();
    };
  }, [data, subscribe, label, unit, height, timeZone, maxPoints, themeVersion]);

  const count = data.timestamps.length;
  const first = count ? new Date((data.timestamps[0] as number) * 1000).toISOString() : "";
  const last = count ? new Date((data.timestamps[count - 1] as number) * 1000).toISOString() : "";
  return (
    <figure data-slot="time-series-chart" className={cn("relative m-0 w-full", className)}>
      <div
        ref={host}
        role="img"
        aria-label={
          count
            ? `${label}${unit ? ` (${unit})` : ""}, ${count.toLocaleString("en")} points from ${first} to ${last}`
            : `${label}: no data`
        }
        className="w-full [&_.u-over]:cursor-crosshair"
        style={{ minHeight: height }}
      />
      <div
        ref={tooltip}
        hidden
        role="status"
        data-slot="chart-tooltip"
        className="pointer-events-none absolute top-0 left-0 z-10 whitespace-nowrap rounded-md border bg-popover px-2 py-1 text-xs text-popover-foreground shadow-md"
      />
      {count === 0 ? (
        <p className="absolute inset-0 flex items-center justify-center text-sm text-muted-foreground">
          No data in this time range
        </p>
      ) : null}
    </figure>
  );
}

export default TimeSeriesChart;
