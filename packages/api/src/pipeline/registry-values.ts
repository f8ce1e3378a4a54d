import type { Registry } from "@revolv/observability/metrics";

export type MetricValue = { value: number; labels: Record<string, string | number>; metricName?: string };

/** A metric's current values in this process's registry, or undefined where nothing here registers it. */
export async function valuesOf(registry: Registry, name: string): Promise<MetricValue[] | undefined> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return undefined;
  return (await metric.get()).values as MetricValue[];
}

/** The sum over every label set. */
export const total = (values: MetricValue[] | undefined) =>
  (values ?? []).reduce((sum, v) => sum + v.value, 0);
