import { z } from "zod";
import { type DeviceType, deviceIdSchema } from "./device";
import { pageInputSchema, pageOutputSchema } from "./pagination";

/**
 * How often each device type's firmware reports when nothing happens. The ingest worker's
 * inactivity sweep marks a device offline after 3× this without a message, unless its type's
 * timeout is configured (`INGEST_INACTIVITY_TIMEOUT_SECONDS_<TYPE>`).
 */
export const reportingIntervalSeconds: Record<DeviceType, number> = { rvm: 60, soundbox: 30 };
export const defaultInactivityTimeoutSeconds = (type: DeviceType) => 3 * reportingIntervalSeconds[type];

/**
 * AWS IoT Core's lifecycle event, exactly as it publishes it on `$aws/events/presence/connected/{clientId}`
 * and `…/disconnected/{clientId}` and as the lifecycle topic rule (`SELECT * FROM
 * '$aws/events/presence/+/+'`) hands it to SQS
 * (https://docs.aws.amazon.com/iot/latest/developerguide/life-cycle-events.html). The embedded
 * broker produces the same body. Our devices connect with their id as client id.
 */
export const disconnectReasons = [
  "AUTH_ERROR",
  "CLIENT_INITIATED_DISCONNECT",
  "CLIENT_ERROR",
  "CONNECTION_LOST",
  "DUPLICATE_CLIENTID",
  "FORBIDDEN_ACCESS",
  "MQTT_KEEP_ALIVE_TIMEOUT",
  "SERVER_ERROR",
  "SERVER_INITIATED_DISCONNECT",
  "THROTTLED",
  "WEBSOCKET_TTL_EXPIRATION",
  "CUSTOMAUTH_TTL_EXPIRATION",
] as const;

const lifecycleCommon = {
  clientId: z.string().min(1).max(128),
  /** Epoch milliseconds at the broker. */
  timestamp: z.number().int().positive(),
  sessionIdentifier: z.string().min(1).max(128),
  principalIdentifier: z.string().min(1).max(256),
  /** Increases per connection of one client id; a connect and its disconnect share it. */
  versionNumber: z.number().int().min(0),
};

export const lifecycleEventSchema = z.discriminatedUnion("eventType", [
  z.object({ ...lifecycleCommon, eventType: z.literal("connected"), ipAddress: z.string().max(64) }),
  z.object({
    ...lifecycleCommon,
    eventType: z.literal("disconnected"),
    clientInitiatedDisconnect: z.boolean(),
    // A reason AWS adds later must not turn the event into a dead letter.
    disconnectReason: z.string().min(1).max(64),
  }),
]);
export type LifecycleEvent = z.infer<typeof lifecycleEventSchema>;

/** The lifecycle topics, for the broker that publishes them and the rule that routes them. */
export const lifecycleTopic = (eventType: LifecycleEvent["eventType"], clientId: string) =>
  `$aws/events/presence/${eventType}/${clientId}`;

/** What the device page and `devices.events` list. */
export const deviceEventTypes = [
  "connected",
  "disconnected",
  "went_offline",
  "came_back",
  "fault",
  "jam",
] as const;
export const deviceEventTypeSchema = z.enum(deviceEventTypes);
export type DeviceEventType = z.infer<typeof deviceEventTypeSchema>;

export const deviceEventSchema = z.object({
  eventId: z.string().meta({ description: "Stable across redeliveries: one event is stored once" }),
  type: deviceEventTypeSchema,
  at: z.date().meta({ description: "When it happened (the broker's, the device's or the sweep's clock)" }),
  detail: z.string().meta({
    description: "e.g. the disconnect reason, the fault code, the last message time before going offline",
  }),
});
export type DeviceEvent = z.infer<typeof deviceEventSchema>;

export const deviceEventsInputSchema = pageInputSchema
  .extend({
    id: deviceIdSchema,
    type: deviceEventTypeSchema.optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
  })
  .refine((input) => !input.from || !input.to || input.from.getTime() < input.to.getTime(), {
    message: "`from` must be before `to`",
    path: ["from"],
  });
export type DeviceEventsInput = z.infer<typeof deviceEventsInputSchema>;

export const deviceEventsPageSchema = pageOutputSchema(deviceEventSchema);
export type DeviceEventsPage = z.infer<typeof deviceEventsPageSchema>;
