import { z } from "zod";
import { alarmSeverities, alarmStatuses, alarmStatusFilters, alarmTransitionKinds } from "./alarm-fields";
import { type DeviceType, deviceIdSchema, deviceTypeSchema, siteSchema, tagSchema } from "./device";
import { pageInputSchema } from "./pagination";
import { type MetricName, metricCatalog, metricNames } from "./telemetry";

export { alarmSeverities, alarmStatuses, alarmStatusFilters, alarmTransitionKinds };
export const alarmSeveritySchema = z.enum(alarmSeverities);
export type AlarmSeverity = z.infer<typeof alarmSeveritySchema>;

export const alarmStatusSchema = z.enum(alarmStatuses);
export type AlarmStatus = z.infer<typeof alarmStatusSchema>;

export const alarmTransitionKindSchema = z.enum(alarmTransitionKinds);
export type AlarmTransitionKind = z.infer<typeof alarmTransitionKindSchema>;

const gaugeMetrics = metricNames.filter((name) => metricCatalog[name].kind === "gauge") as [
  MetricName,
  ...MetricName[],
];
const stateMetrics = metricNames.filter((name) => metricCatalog[name].kind === "state") as [
  MetricName,
  ...MetricName[],
];

/** How long a condition must hold before the alarm is raised; 0 raises on the first reading. */
const forSecondsSchema = z
  .number()
  .int()
  .min(0)
  .max(7 * 86_400, "At most 7 days")
  .default(0);

/**
 * Raised when the metric is at or past `threshold` for `forSeconds`; cleared only once it is back
 * past `clearThreshold` (the hysteresis band; the threshold itself when not given), so a value
 * hovering at the threshold does not flap.
 */
export const thresholdConditionSchema = z.object({
  kind: z.literal("threshold"),
  metric: z.enum(gaugeMetrics),
  operator: z.enum(["above", "below"]),
  threshold: z.number(),
  clearThreshold: z.number().optional(),
  forSeconds: forSecondsSchema,
});

/** A state metric equals a value (intake jammed = 1, door open = 1) for `forSeconds`. */
export const stateConditionSchema = z.object({
  kind: z.literal("state"),
  metric: z.enum(stateMetrics),
  equals: z.number().int(),
  forSeconds: forSecondsSchema,
});

/** `fault_code` is not 0 (or, with `codes`, is one of them). */
export const faultConditionSchema = z.object({
  kind: z.literal("fault"),
  codes: z.array(z.number().int().min(1).max(65_535)).max(50).optional(),
});

/** No message for longer than `minutes`, judged from the device's last-seen time. */
export const offlineConditionSchema = z.object({
  kind: z.literal("offline"),
  minutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60),
});

/** Battery below `belowPct`, cleared above `clearAbovePct` (the same value when not given). */
export const batteryConditionSchema = z.object({
  kind: z.literal("battery"),
  belowPct: z.number().min(0).max(100),
  clearAbovePct: z.number().min(0).max(100).optional(),
  forSeconds: forSecondsSchema,
});

export const alarmConditionSchema = z.discriminatedUnion("kind", [
  thresholdConditionSchema,
  stateConditionSchema,
  faultConditionSchema,
  offlineConditionSchema,
  batteryConditionSchema,
]);
export type AlarmCondition = z.infer<typeof alarmConditionSchema>;

/** The metric a condition reads, or null for the offline condition (last seen, not a reading). */
export function conditionMetric(condition: AlarmCondition): MetricName | null {
  switch (condition.kind) {
    case "threshold":
    case "state":
      return condition.metric;
    case "fault":
      return "fault_code";
    case "battery":
      return "battery_pct";
    case "offline":
      return null;
  }
}

/** Which devices a rule watches: every given field must match (a device carries the tag). */
export const alarmScopeSchema = z.object({
  deviceType: deviceTypeSchema.optional(),
  site: siteSchema.optional(),
  tag: tagSchema.optional(),
});
export type AlarmScope = z.infer<typeof alarmScopeSchema>;

/** What a scope is judged on: a device's type, site and tags. */
export interface ScopedDevice {
  type: DeviceType;
  site: string;
  tags: string[];
}

/**
 * Every field the scope gives must match; an empty scope watches every device. Pure, so the
 * worker's evaluation and the device page's "rules that watch it" judge a scope the same way.
 */
export function scopeMatches(scope: AlarmScope, device: ScopedDevice): boolean {
  if (scope.deviceType && scope.deviceType !== device.type) return false;
  if (scope.site && scope.site !== device.site) return false;
  if (scope.tag && !device.tags.includes(scope.tag)) return false;
  return true;
}

const channelIdSchema = z.uuid("Unknown channel id format");

export const webhookChannelInputSchema = z.object({
  kind: z.literal("webhook"),
  /** Given when editing a rule: a webhook sent back without `secret` keeps the one stored. */
  id: channelIdSchema.optional(),
  url: z.url({ protocol: /^https?$/, message: "Webhook URL must be http(s)" }).max(2_000),
  /** Signs each delivery (X-Revolv-Signature); stored encrypted and never returned. */
  secret: z.string().min(16, "Webhook secret must be at least 16 characters").max(256).optional(),
});

export const emailChannelInputSchema = z.object({
  kind: z.literal("email"),
  id: channelIdSchema.optional(),
  to: z.array(z.email("Not an email address")).min(1, "At least one recipient").max(20),
});

export const alarmChannelInputSchema = z.discriminatedUnion("kind", [
  webhookChannelInputSchema,
  emailChannelInputSchema,
]);
export type AlarmChannelInput = z.infer<typeof alarmChannelInputSchema>;

/** A channel as the API shows it: the webhook's secret never leaves the server. */
export const alarmChannelSchema = z.discriminatedUnion("kind", [
  webhookChannelInputSchema.omit({ secret: true }).extend({ id: channelIdSchema }),
  emailChannelInputSchema.extend({ id: channelIdSchema }),
]);
export type AlarmChannel = z.infer<typeof alarmChannelSchema>;

const ruleNameSchema = z.string().trim().min(1, "Name is required").max(120);

function checkRuleShape(
  rule: { scope?: AlarmScope | undefined; condition?: AlarmCondition | undefined },
  ctx: z.RefinementCtx,
) {
  const condition = rule.condition;
  if (!condition) return;
  const metric = conditionMetric(condition);
  const deviceType: DeviceType | undefined = rule.scope?.deviceType;
  if (metric && deviceType && metricCatalog[metric].deviceType !== deviceType) {
    ctx.addIssue({
      code: "custom",
      path: ["condition"],
      message: `${metric} is not a metric of a ${deviceType}`,
    });
  }
  if (condition.kind === "threshold" && condition.clearThreshold !== undefined) {
    const wrongSide =
      condition.operator === "above"
        ? condition.clearThreshold > condition.threshold
        : condition.clearThreshold < condition.threshold;
    if (wrongSide) {
      ctx.addIssue({
        code: "custom",
        path: ["condition", "clearThreshold"],
        message: `The clear threshold must be ${condition.operator === "above" ? "at or below" : "at or above"} the threshold`,
      });
    }
  }
  if (
    condition.kind === "battery" &&
    condition.clearAbovePct !== undefined &&
    condition.clearAbovePct < condition.belowPct
  ) {
    ctx.addIssue({
      code: "custom",
      path: ["condition", "clearAbovePct"],
      message: "clearAbovePct must be at or above belowPct",
    });
  }
}

const ruleFields = {
  name: ruleNameSchema,
  description: z.string().trim().max(1_000).default(""),
  enabled: z.boolean().default(true),
  severity: alarmSeveritySchema,
  scope: alarmScopeSchema.default({}),
  condition: alarmConditionSchema,
  channels: z.array(alarmChannelInputSchema).max(10, "At most 10 channels").default([]),
};

export const createAlarmRuleSchema = z.object(ruleFields).superRefine(checkRuleShape);
export type CreateAlarmRuleInput = z.infer<typeof createAlarmRuleSchema>;

export const alarmRuleIdSchema = z.uuid("Unknown rule id format");
export const alarmRuleIdInputSchema = z.object({ id: alarmRuleIdSchema });

/** Every field but the id is optional; channels, when given, replace the rule's channels. */
export const updateAlarmRuleSchema = z
  .object({
    id: alarmRuleIdSchema,
    name: ruleNameSchema.optional(),
    description: z.string().trim().max(1_000).optional(),
    enabled: z.boolean().optional(),
    severity: alarmSeveritySchema.optional(),
    scope: alarmScopeSchema.optional(),
    condition: alarmConditionSchema.optional(),
    channels: z.array(alarmChannelInputSchema).max(10, "At most 10 channels").optional(),
  })
  .superRefine(checkRuleShape);
export type UpdateAlarmRuleInput = z.infer<typeof updateAlarmRuleSchema>;

export const alarmRuleSchema = z.object({
  id: alarmRuleIdSchema,
  name: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  severity: alarmSeveritySchema,
  scope: alarmScopeSchema,
  condition: alarmConditionSchema,
  channels: z.array(alarmChannelSchema),
  createdBy: z.uuid().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type AlarmRule = z.infer<typeof alarmRuleSchema>;

export const listAlarmRulesSchema = pageInputSchema.extend({
  enabled: z.boolean().optional(),
  severity: alarmSeveritySchema.optional(),
});

export const alarmIdSchema = z.uuid("Unknown alarm id format");

export const alarmSchema = z.object({
  id: alarmIdSchema,
  ruleId: alarmRuleIdSchema,
  ruleName: z.string(),
  deviceId: deviceIdSchema,
  deviceName: z.string(),
  site: z.string(),
  severity: alarmSeveritySchema,
  status: alarmStatusSchema,
  /** The reading (or last-seen time, for offline) that raised it. */
  raisedAt: z.date(),
  raisedValue: z.number().nullable(),
  raiseCount: z.number().int(),
  acknowledgedAt: z.date().nullable(),
  acknowledgedBy: z.uuid().nullable(),
  ackComment: z.string().nullable(),
  clearedAt: z.date().nullable(),
  clearedBy: z.uuid().nullable(),
  clearReason: z.enum(["condition", "manual"]).nullable(),
  updatedAt: z.date(),
});
export type Alarm = z.infer<typeof alarmSchema>;

/** `open` is active or acknowledged: what the console shows first. */
export const alarmStatusFilterSchema = z.enum(alarmStatusFilters);

export const listAlarmsSchema = pageInputSchema.extend({
  status: alarmStatusFilterSchema.optional(),
  severity: alarmSeveritySchema.optional(),
  deviceId: deviceIdSchema.optional(),
  site: siteSchema.optional(),
  ruleId: alarmRuleIdSchema.optional(),
  /** Raised at or after / before. */
  from: z.date().optional(),
  to: z.date().optional(),
});
export type ListAlarmsInput = z.infer<typeof listAlarmsSchema>;

export const maxBulkAlarms = 500;
const alarmCommentSchema = z.string().trim().max(1_000).optional();

export const acknowledgeAlarmsSchema = z.object({
  ids: z.array(alarmIdSchema).min(1).max(maxBulkAlarms),
  comment: alarmCommentSchema,
});
export const clearAlarmsSchema = acknowledgeAlarmsSchema;
export type AlarmActionInput = z.infer<typeof acknowledgeAlarmsSchema>;

export const alarmActionResultSchema = z.object({
  /** Alarms that changed; the others were already in that state (or cleared) and are left alone. */
  changed: z.array(alarmIdSchema),
  unchanged: z.array(alarmIdSchema),
});

export const alarmTransitionSchema = z.object({
  id: z.string(),
  alarmId: alarmIdSchema,
  ruleId: alarmRuleIdSchema,
  deviceId: deviceIdSchema,
  kind: alarmTransitionKindSchema,
  at: z.date(),
  actorId: z.uuid().nullable(),
  comment: z.string().nullable(),
  value: z.number().nullable(),
});
export type AlarmTransition = z.infer<typeof alarmTransitionSchema>;

export const alarmsLiveInputSchema = z.object({
  lastEventId: z
    .string()
    .regex(/^\d{1,18}$/, "lastEventId must be a cursor this server sent")
    .optional(),
});

export const alarmLiveEventSchema = z.object({
  transition: alarmTransitionSchema,
  /** Alarms open (active or acknowledged) when the event was sent: the navigation badge. */
  openCount: z.number().int(),
});
export type AlarmLiveEvent = z.infer<typeof alarmLiveEventSchema>;

export const backtestWindows = ["24h", "7d"] as const;
export const alarmBacktestInputSchema = z
  .object({
    scope: alarmScopeSchema.default({}),
    condition: alarmConditionSchema,
    window: z.enum(backtestWindows).default("24h"),
  })
  .superRefine(checkRuleShape);
export type AlarmBacktestInput = z.infer<typeof alarmBacktestInputSchema>;

export const alarmBacktestSchema = z.object({
  window: z.enum(backtestWindows),
  from: z.date(),
  to: z.date(),
  /** Resolution of the replay: the minute rollups. */
  resolutionSeconds: z.number().int(),
  devicesEvaluated: z.number().int(),
  devicesFiring: z.number().int(),
  /** Times the rule would have raised an alarm over the window, all devices together. */
  firings: z.number().int(),
  perDevice: z.array(z.object({ deviceId: deviceIdSchema, firings: z.number().int() })),
});
export type AlarmBacktest = z.infer<typeof alarmBacktestSchema>;

export const notificationDeliveryStatuses = ["pending", "delivered", "failed"] as const;
export const notificationDeliverySchema = z.object({
  id: z.string(),
  transitionId: z.string(),
  ruleId: alarmRuleIdSchema,
  channelId: z.uuid(),
  kind: z.enum(["webhook", "email"]),
  target: z.string(),
  status: z.enum(notificationDeliveryStatuses),
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.date().nullable(),
  deliveredAt: z.date().nullable(),
  createdAt: z.date(),
});
export type NotificationDelivery = z.infer<typeof notificationDeliverySchema>;

export const listNotificationDeliveriesSchema = pageInputSchema.extend({
  ruleId: alarmRuleIdSchema.optional(),
  status: z.enum(notificationDeliveryStatuses).optional(),
});
