import { type ComponentProps, lazy, Suspense } from "react";
import { Skeleton } from "../primitives/skeleton";

/**
 * What pages import: the chart code (uPlot and its CSS) loads on first use, in a chunk of its
 * own, so a page without charts never ships it.
 */
const TimeSeriesChartImpl = lazy(() => import("./time-series-chart"));
const BarChartImpl = lazy(() => import("./bar-chart"));

function ChartSkeleton({ height }: { height: number }) {
  return <Skeleton className="w-full" style={{ height }} />;
}

export function TimeSeriesChart(props: ComponentProps<typeof TimeSeriesChartImpl>) {
  return (
    <Suspense fallback={<ChartSkeleton height={props.height ?? 280} />}>
      <TimeSeriesChartImpl {...props} />
    </Suspense>
  );
}

export function BarChart(props: ComponentProps<typeof BarChartImpl>) {
  return (
    <Suspense fallback={<ChartSkeleton height={props.height ?? 220} />}>
      <BarChartImpl {...props} />
    </Suspense>
  );
}

export type { BarDatum } from "./bar-chart";
export type { LiveSubscription, TimeSeries } from "./time-series-chart";
