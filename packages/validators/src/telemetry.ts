import { z } from "zod";
import type { DeviceType } from "./device";

/**
 * The device → cloud telemetry contract, published on `devices/{deviceId}/telemetry` at
 * QoS 1. Versioned so firmware in the field can lag the cloud: a new version is a new
 * member of the union, never an edit to v1.
 */
export const telemetryTopicPattern = "devices/+/telemetry";
export const telemetryTopic = (deviceId: string) => `devices/${deviceId}/telemetry`;
export const maxTelemetryPayloadBytes = 128 * 1024;

type MetricKind = "gauge" | "counter" | "state" | "text";
interface MetricSpec {
  deviceType: DeviceType;
  kind: MetricKind;
  unit: string;
  description: string;
  value: z.ZodType<number | string>;
}

const percent = z.number().min(0).max(100);
const count = z.number().int().min(0);
const flag = z.union([z.literal(0), z.literal(1)]);

/** What each device type reports. `state` metrics are small enums encoded as integers. */
export const metricCatalog = {
  // RVM
  bin_fill_pet_pct: {
    deviceType: "rvm",
    kind: "gauge",
    unit: "%",
    description: "PET bin fill level",
    value: percent,
  },
  bin_fill_aluminium_pct: {
    deviceType: "rvm",
    kind: "gauge",
    unit: "%",
    description: "Aluminium bin fill level",
    value: percent,
  },
  bin_fill_glass_pct: {
    deviceType: "rvm",
    kind: "gauge",
    unit: "%",
    description: "Glass bin fill level",
    value: percent,
  },
  items_accepted: {
    deviceType: "rvm",
    kind: "counter",
    unit: "items",
    description: "Containers accepted since the previous message",
    value: count,
  },
  items_rejected: {
    deviceType: "rvm",
    kind: "counter",
    unit: "items",
    description: "Containers rejected since the previous message",
    value: count,
  },
  jam: {
    deviceType: "rvm",
    kind: "state",
    unit: "bool",
    description: "Intake jammed (1) or clear (0)",
    value: flag,
  },
  door_open: {
    deviceType: "rvm",
    kind: "state",
    unit: "bool",
    description: "Service door open (1)",
    value: flag,
  },
  fault_code: {
    deviceType: "rvm",
    kind: "state",
    unit: "code",
    description: "Active fault code, 0 when healthy",
    value: z.number().int().min(0).max(65_535),
  },
  temperature_c: {
    deviceType: "rvm",
    kind: "gauge",
    unit: "°C",
    description: "Cabinet temperature",
    value: z.number().min(-60).max(120),
  },
  power_state: {
    deviceType: "rvm",
    kind: "state",
    unit: "enum",
    description: "0 off, 1 on, 2 standby, 3 on battery",
    value: z.number().int().min(0).max(3),
  },
  // Soundbox
  battery_pct: {
    deviceType: "soundbox",
    kind: "gauge",
    unit: "%",
    description: "Battery charge",
    value: percent,
  },
  volume_pct: {
    deviceType: "soundbox",
    kind: "gauge",
    unit: "%",
    description: "Speaker volume",
    value: percent,
  },
  signal_rssi_dbm: {
    deviceType: "soundbox",
    kind: "gauge",
    unit: "dBm",
    description: "Cellular signal strength",
    value: z.number().min(-150).max(0),
  },
  announcements_played: {
    deviceType: "soundbox",
    kind: "counter",
    unit: "announcements",
    description: "Payment announcements since the previous message",
    value: count,
  },
  firmware_version: {
    deviceType: "soundbox",
    kind: "text",
    unit: "",
    description: "Running firmware version",
    value: z.string().min(1).max(32),
  },
  uptime_s: {
    deviceType: "soundbox",
    kind: "gauge",
    unit: "s",
    description: "Seconds since boot",
    value: z.number().int().min(0),
  },
} as const satisfies Record<string, MetricSpec>;

export type MetricName = keyof typeof metricCatalog;
export const metricNames = Object.keys(metricCatalog) as [MetricName, ...MetricName[]];
export const metricNameSchema = z.enum(metricNames);

export function metricsFor(deviceType: DeviceType): MetricName[] {
  return metricNames.filter((name) => metricCatalog[name].deviceType === deviceType);
}

const isoTime = z.iso.datetime({ offset: true, message: "must be an ISO 8601 time with offset" });

export const readingSchema = z
  .object({
    metric: metricNameSchema,
    value: z.union([z.number(), z.string()]),
    /** When the reading was taken; defaults to the message's deviceTime. */
    at: isoTime.optional(),
  })
  .superRefine((reading, ctx) => {
    const result = metricCatalog[reading.metric].value.safeParse(reading.value);
    if (!result.success) {
      ctx.addIssue({
        code: "custom",
        path: ["value"],
        message: `invalid value for ${reading.metric}: ${result.error.issues[0]?.message ?? "rejected"}`,
      });
    }
  });
export type Reading = z.infer<typeof readingSchema>;

export const telemetryMessageV1Schema = z.object({
  v: z.literal(1),
  /** Unique per message from the device; redeliveries keep it, which makes storage idempotent. */
  messageId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_.:-]+$/, "messageId may contain letters, digits and '_.:-' only"),
  deviceTime: isoTime,
  readings: z.array(readingSchema).min(1, "at least one reading").max(500, "at most 500 readings"),
});

export const telemetryMessageSchema = z.discriminatedUnion("v", [telemetryMessageV1Schema]);
export type TelemetryMessage = z.infer<typeof telemetryMessageSchema>;

/**
 * The SQS message body. In production the AWS IoT topic rule
 * `SELECT *, topic(2) AS deviceId, timestamp() AS receivedAt FROM 'devices/+/telemetry'`
 * produces it (the payload's fields plus two); the embedded bridge produces the same.
 * `receivedAt` is the broker's receive time in epoch milliseconds.
 */
export const sqsTelemetryBodySchema = z.intersection(
  telemetryMessageSchema,
  z.object({
    deviceId: z.uuid("deviceId must be a device UUID"),
    receivedAt: z.number().int().positive(),
  }),
);
export type SqsTelemetryBody = z.infer<typeof sqsTelemetryBodySchema>;
