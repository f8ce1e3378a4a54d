import { z } from "zod";
import { deviceIdSchema, deviceTypeSchema } from "./device";
import { metricCatalog, metricNameSchema } from "./telemetry";

/** Text metrics (firmware_version) have no min/max/avg, so they have no series; `latest` shows them. */
export const seriesMetricSchema = metricNameSchema.refine((metric) => metricCatalog[metric].kind !== "text", {
  message: "This metric is text; read it with telemetry.latest",
});

const maxSeriesSpanMs = 400 * 24 * 60 * 60 * 1000;

export const telemetrySeriesInputSchema = z
  .object({
    deviceId: deviceIdSchema,
    metric: seriesMetricSchema,
    from: z.coerce.date(),
    to: z.coerce.date(),
    /** Upper bound on buckets returned; the bucket width is chosen to stay under it. */
    maxPoints: z.number().int().min(10).max(2_000).default(500),
  })
  .refine((input) => input.from.getTime() < input.to.getTime(), {
    message: "`from` must be before `to`",
    path: ["from"],
  })
  .refine((input) => input.to.getTime() - input.from.getTime() <= maxSeriesSpanMs, {
    message: "A series may span at most 400 days",
    path: ["from"],
  });
export type TelemetrySeriesInput = z.infer<typeof telemetrySeriesInputSchema>;

export const telemetryLatestInputSchema = z.object({ deviceId: deviceIdSchema });
export type TelemetryLatestInput = z.infer<typeof telemetryLatestInputSchema>;

export const fleetSummaryInputSchema = z.object({ type: deviceTypeSchema.optional() }).default({});
export type FleetSummaryInput = z.infer<typeof fleetSummaryInputSchema>;

export const telemetryLiveInputSchema = z.object({
  deviceId: deviceIdSchema,
  /** Set by tRPC's SSE link on reconnect: the cursor of the last event the client saw. */
  lastEventId: z
    .string()
    .regex(/^\d{1,15}$/, "lastEventId must be a cursor this server sent")
    .nullish(),
});
export type TelemetryLiveInput = z.infer<typeof telemetryLiveInputSchema>;
