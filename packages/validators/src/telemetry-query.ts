import { z } from "zod";
import { deviceIdSchema, deviceStatusSchema, deviceTypeSchema } from "./device";
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

// Outputs. The telemetry package's query results and the API's responses are these types.

export const seriesResolutions = ["raw", "minute", "hour"] as const;
export const seriesResolutionSchema = z.enum(seriesResolutions);
export type SeriesResolution = z.infer<typeof seriesResolutionSchema>;

export const seriesBucketSchema = z.object({
  t: z.date().meta({ description: "Start of the bucket" }),
  count: z.number().int(),
  min: z.number(),
  max: z.number(),
  avg: z.number(),
  last: z.number().meta({ description: "The value with the latest reading time in the bucket" }),
});
export type SeriesBucket = z.infer<typeof seriesBucketSchema>;

export const telemetrySeriesSchema = z.object({
  resolution: seriesResolutionSchema.meta({ description: "Which table answered: raw readings or a rollup" }),
  stepSeconds: z.number().int().meta({ description: "Bucket width" }),
  from: z.date().meta({ description: "`from` aligned down to the bucket width" }),
  to: z.date(),
  buckets: z.array(seriesBucketSchema),
});
export type TelemetrySeries = z.infer<typeof telemetrySeriesSchema>;

// Stored metric names are plain strings in outputs: a metric retired from the catalog must not
// turn its history into a failed response.
const storedMetricSchema = z.string().meta({ description: "A metric of the catalog (`metricCatalog`)" });

export const latestReadingSchema = z.object({
  metric: storedMetricSchema,
  value: z.union([z.number(), z.string()]).meta({ description: "A number, or the text of a text metric" }),
  at: z.date().meta({ description: "When the device took the reading" }),
  receivedAt: z.date().meta({ description: "When the broker received the message" }),
});
export type LatestReading = z.infer<typeof latestReadingSchema>;

export const telemetryLatestSchema = z.object({
  deviceId: deviceIdSchema,
  readings: z.array(latestReadingSchema),
});
export type TelemetryLatest = z.infer<typeof telemetryLatestSchema>;

export const liveReadingSchema = z.object({
  metric: storedMetricSchema,
  value: z.union([z.number(), z.string()]),
  at: z.date(),
  messageId: z.string(),
});
export type LiveReading = z.infer<typeof liveReadingSchema>;

export const liveBatchSchema = z.object({
  /** Opaque resume point; tRPC sends it as the SSE event id and hands it back as lastEventId. */
  cursor: z.string(),
  readings: z.array(liveReadingSchema),
});
export type LiveBatch = z.infer<typeof liveBatchSchema>;

const count = z.number().int().min(0);

export const fleetTypeSummarySchema = z.object({
  type: deviceTypeSchema,
  reporting: count.meta({ description: "Devices that have ever reported telemetry" }),
  reportingLast5m: count,
  reportingLast1h: count,
  faulted: count.meta({ description: "RVMs whose latest fault_code is not 0" }),
  jammed: count,
  doorsOpen: count,
  binsNearlyFull: count.meta({ description: "RVMs with any bin at or above 90 %" }),
  lowBattery: count.meta({ description: "Soundboxes under 20 % battery" }),
  avgBinFillPct: z.number().nullable(),
  avgBatteryPct: z.number().nullable(),
});
export type FleetTypeSummary = z.infer<typeof fleetTypeSummarySchema>;

export const fleetTelemetrySummarySchema = z.object({
  at: z.date(),
  byType: z.array(fleetTypeSummarySchema),
  readingsLast24h: count,
  readingsPerHour: z
    .array(z.object({ t: z.date(), count }))
    .meta({ description: "Readings stored per hour over the last 24 hours, oldest first" }),
});
export type FleetTelemetrySummary = z.infer<typeof fleetTelemetrySummarySchema>;

export const fleetDeviceCountsSchema = z.object({
  type: deviceTypeSchema,
  total: count,
  byStatus: z.record(deviceStatusSchema, count),
});
export type FleetDeviceCounts = z.infer<typeof fleetDeviceCountsSchema>;

export const fleetSummarySchema = z.object({
  /** Registered devices (Postgres), every type present in the filter, every status counted. */
  devices: z.array(fleetDeviceCountsSchema),
  /** What the devices reported (ClickHouse). */
  telemetry: fleetTelemetrySummarySchema,
});
export type FleetSummary = z.infer<typeof fleetSummarySchema>;

const deviceRefSchema = z.object({
  id: deviceIdSchema,
  name: z.string(),
  serialNumber: z.string(),
  site: z.string(),
});

/** The overview's lists of devices that need someone, and the message rate behind the counts. */
export const fleetAttentionSchema = z.object({
  at: z.date(),
  /** The collection list: every bin at or above 90 %, fullest first (at most 50). */
  binsNearlyFull: z.array(
    z.object({ device: deviceRefSchema, material: z.string(), fillPct: z.number(), at: z.date() }),
  ),
  /** Soundboxes whose latest battery reading is under 20 %, emptiest first (at most 50). */
  lowBattery: z.array(z.object({ device: deviceRefSchema, batteryPct: z.number(), at: z.date() })),
  /** Devices that reported a jam or a fault code in the last 24 hours, latest first (at most 50). */
  faultsLast24h: z.array(
    z.object({ device: deviceRefSchema, jams: count, faultCodes: z.array(z.number()), lastAt: z.date() }),
  ),
  /** Devices not heard from for an hour (never, or last seen before), longest silent first (at most 10). */
  silent: z.array(z.object({ device: deviceRefSchema, lastSeenAt: z.date().nullable() })),
  silentTotal: count,
  /** Messages stored per minute over the last hour, oldest first, minutes without any included. */
  messagesPerMinute: z.array(z.object({ t: z.date(), count })),
});
export type FleetAttention = z.infer<typeof fleetAttentionSchema>;
