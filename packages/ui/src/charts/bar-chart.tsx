import { useEffect, useRef } from "react";
import uPlot, { type AlignedData } from "uplot";
import "uplot/dist/uPlot.min.css";
import { cn } from "../cn";
import { chartTheme, useThemeVersion } from "./theme";

export type BarDatum = { label: string; value: number };

/**
 * Fleet composition (devices per status, type or site) as bars, on uPlot like the telemetry
 * charts: the chart chunk then carries one canvas library, not two (Recharts would add about
 * 100 kB and an SVG tree that re-renders with React).
 */
export function BarChart({
  label,
  data,
  height = 220,
  className,
}: {
  label: string;
  data: BarDatum[];
  height?: number;
  className?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const themeVersion = useThemeVersion();

  // biome-ignore lint/correctness/useExhaustiveDependencies: themeVersion rebuilds the chart in the new colours
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const theme = chartTheme();
    const axis = {
      stroke: theme.axis,
      grid: { stroke: theme.grid, width: 1 },
      ticks: { show: false },
      font: theme.font,
    };
    const bars = uPlot.paths.bars?.({ size: [0.6, 64], align: 0 });
    const chart = new uPlot(
      {
        width: element.clientWidth || 400,
        height,
        legend: { show: false },
        cursor: { show: false },
        scales: {
          x: { time: false, range: [-0.5, data.length - 0.5] },
          y: { range: (_u, _min, max) => [0, Math.max(max, 1) * 1.1] },
        },
        axes: [
          {
            ...axis,
            grid: { show: false },
            splits: () => data.map((_, i) => i),
            values: () => data.map((d) => d.label),
          },
          axis,
        ],
        series: [
          {},
          { label, fill: theme.series[0], stroke: theme.series[0], paths: bars, points: { show: false } },
        ],
      },
      [data.map((_, i) => i), data.map((d) => d.value)] as AlignedData,
      element,
    );
    const resize = new ResizeObserver(() => chart.setSize({ width: element.clientWidth, height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [data, label, height, themeVersion]);

  return (
    <figure data-slot="bar-chart" className={cn("m-0 w-full", className)}>
      <div
        ref={host}
        role="img"
        aria-label={`${label}: ${data.map((d) => `${d.label} ${d.value}`).join(", ")}`}
        className="w-full"
        style={{ minHeight: height }}
      />
    </figure>
  );
}

export default BarChart;
