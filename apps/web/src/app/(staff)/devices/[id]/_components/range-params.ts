import { timeRangePresets } from "@revolv/ui/time-range-picker";
import { metricNames } from "@revolv/validators";
import { parseAsIsoDateTime, parseAsStringLiteral } from "nuqs/server";

const rangeChoices = [
  ...(Object.keys(timeRangePresets) as (keyof typeof timeRangePresets)[]),
  "custom",
] as const;

/** The chart's view in the URL: which metric, and a preset window or fixed instants. */
export const chartParams = {
  metric: parseAsStringLiteral(metricNames),
  range: parseAsStringLiteral(rangeChoices).withDefault("24h"),
  from: parseAsIsoDateTime,
  to: parseAsIsoDateTime,
};
