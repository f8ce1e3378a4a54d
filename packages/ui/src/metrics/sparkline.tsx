import { useId } from "react";
import { cn } from "../cn";

/**
 * A tiny trend line as inline SVG: no chart library, so a KPI card does not pull the chart
 * chunk. Missing values (null) break the line.
 */
export function Sparkline({
  values,
  className,
  label,
}: {
  values: readonly (number | null)[];
  className?: string;
  /** Read by screen readers, e.g. "Trend over the last 24 hours, rising". */
  label: string;
}) {
  const gradientId = useId();
  const present = values.filter((v): v is number => v !== null);
  const min = Math.min(...present);
  const max = Math.max(...present);
  const span = max - min || 1;
  const x = (i: number) => (values.length <= 1 ? 0 : (i / (values.length - 1)) * 100);
  const y = (v: number) => 28 - ((v - min) / span) * 26;
  // Runs of consecutive values; a null ends a run, so a gap shows as a gap.
  const runs: [number, number][][] = [[]];
  values.forEach((value, i) => {
    if (value === null) runs.push([]);
    else runs.at(-1)?.push([x(i), y(value)]);
  });
  const paths = runs
    .filter((run) => run.length > 0)
    .map((run) => {
      const line = run
        .map(([px, py], i) => `${i === 0 ? "M" : "L"}${px.toFixed(2)},${py.toFixed(2)}`)
        .join("");
      const [firstX] = run[0] as [number, number];
      const [lastX] = run.at(-1) as [number, number];
      return { line, area: `${line}L${lastX.toFixed(2)},30L${firstX.toFixed(2)},30Z` };
    });
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox="0 0 100 30"
      preserveAspectRatio="none"
      data-slot="sparkline"
      className={cn("h-8 w-full overflow-visible text-chart-1", className)}
    >
      <defs>
        <linearGradient id={gradientId} x1="0" x2="0" y1="0" y2="1">
          <stop offset="0%" stopColor="currentColor" stopOpacity={0.25} />
          <stop offset="100%" stopColor="currentColor" stopOpacity={0} />
        </linearGradient>
      </defs>
      {paths.map(({ line, area }) => (
        <g key={line}>
          <path d={area} fill={`url(#${gradientId})`} />
          <path
            d={line}
            fill="none"
            stroke="currentColor"
            strokeWidth={1.5}
            vectorEffect="non-scaling-stroke"
          />
        </g>
      ))}
    </svg>
  );
}
