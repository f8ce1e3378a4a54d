import {
  type AlarmCondition,
  type AlarmRule,
  type AlarmSeverity,
  type CreateAlarmRuleInput,
  type DeviceType,
  metricCatalog,
  metricNames,
} from "@revolv/validators";

export type ConditionKind = AlarmCondition["kind"];
export const conditionKinds: { kind: ConditionKind; label: string }[] = [
  { kind: "threshold", label: "Metric above / below a threshold" },
  { kind: "state", label: "A state equals a value" },
  { kind: "fault", label: "A fault code is present" },
  { kind: "offline", label: "Offline longer than" },
  { kind: "battery", label: "Battery below" },
];

export const metricsOfKind = (kind: "gauge" | "state") =>
  metricNames.filter((name) => metricCatalog[name].kind === kind);

/** Everything the editor holds as text, so half-typed numbers are not lost on each keystroke. */
export type RuleDraft = {
  name: string;
  description: string;
  enabled: boolean;
  severity: AlarmSeverity;
  deviceType: DeviceType | "";
  site: string;
  tag: string;
  kind: ConditionKind;
  metric: string;
  operator: "above" | "below";
  threshold: string;
  clearThreshold: string;
  forMinutes: string;
  equals: string;
  codes: string;
  minutes: string;
  channels: DraftChannel[];
};

export type DraftChannel =
  | { kind: "webhook"; id?: string; url: string; secret: string }
  | { kind: "email"; id?: string; to: string };

export const emptyDraft: RuleDraft = {
  name: "",
  description: "",
  enabled: true,
  severity: "major",
  deviceType: "",
  site: "",
  tag: "",
  kind: "threshold",
  metric: "bin_fill_pet_pct",
  operator: "above",
  threshold: "90",
  clearThreshold: "50",
  forMinutes: "2",
  equals: "1",
  codes: "",
  minutes: "15",
  channels: [],
};

const text = (n: number | undefined) => (n === undefined ? "" : String(n));

export function draftOf(rule: AlarmRule): RuleDraft {
  const c = rule.condition;
  return {
    ...emptyDraft,
    name: rule.name,
    description: rule.description,
    enabled: rule.enabled,
    severity: rule.severity,
    deviceType: rule.scope.deviceType ?? "",
    site: rule.scope.site ?? "",
    tag: rule.scope.tag ?? "",
    kind: c.kind,
    ...(c.kind === "threshold" && {
      metric: c.metric,
      operator: c.operator,
      threshold: text(c.threshold),
      clearThreshold: text(c.clearThreshold),
      forMinutes: text(c.forSeconds / 60),
    }),
    ...(c.kind === "state" && {
      metric: c.metric,
      equals: text(c.equals),
      forMinutes: text(c.forSeconds / 60),
    }),
    ...(c.kind === "fault" && { codes: (c.codes ?? []).join(", ") }),
    ...(c.kind === "offline" && { minutes: text(c.minutes) }),
    ...(c.kind === "battery" && {
      threshold: text(c.belowPct),
      clearThreshold: text(c.clearAbovePct),
      forMinutes: text(c.forSeconds / 60),
    }),
    // A stored webhook's secret is never sent back: an empty secret keeps it.
    channels: rule.channels.map((ch) =>
      ch.kind === "webhook"
        ? { kind: "webhook", id: ch.id, url: ch.url, secret: "" }
        : { kind: "email", id: ch.id, to: ch.to.join(", ") },
    ),
  };
}

/** Empty stays absent (so the schema reports what is missing); anything else becomes a number. */
const num = (value: string) => (value.trim() === "" ? undefined : Number(value));
const seconds = (minutes: string) => Math.round((num(minutes) ?? 0) * 60);

export function conditionOf(d: RuleDraft): unknown {
  switch (d.kind) {
    case "threshold":
      return {
        kind: "threshold",
        metric: d.metric,
        operator: d.operator,
        threshold: num(d.threshold),
        clearThreshold: num(d.clearThreshold),
        forSeconds: seconds(d.forMinutes),
      };
    case "state":
      return { kind: "state", metric: d.metric, equals: num(d.equals), forSeconds: seconds(d.forMinutes) };
    case "fault": {
      const codes = d.codes
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number);
      return { kind: "fault", ...(codes.length && { codes }) };
    }
    case "offline":
      return { kind: "offline", minutes: num(d.minutes) };
    case "battery":
      return {
        kind: "battery",
        belowPct: num(d.threshold),
        clearAbovePct: num(d.clearThreshold),
        forSeconds: seconds(d.forMinutes),
      };
  }
}

export function scopeOf(d: RuleDraft): CreateAlarmRuleInput["scope"] {
  return {
    ...(d.deviceType && { deviceType: d.deviceType }),
    ...(d.site.trim() && { site: d.site.trim() }),
    ...(d.tag.trim() && { tag: d.tag.trim() }),
  };
}

/** The draft as the API takes it (unvalidated: the caller parses it with the shared schema). */
export function ruleInputOf(d: RuleDraft) {
  return {
    name: d.name,
    description: d.description,
    enabled: d.enabled,
    severity: d.severity,
    scope: scopeOf(d),
    condition: conditionOf(d),
    channels: d.channels.map((ch) =>
      ch.kind === "webhook"
        ? {
            kind: "webhook",
            ...(ch.id && { id: ch.id }),
            url: ch.url.trim(),
            ...(ch.secret && { secret: ch.secret }),
          }
        : {
            kind: "email",
            ...(ch.id && { id: ch.id }),
            to: ch.to.split(/[\s,;]+/).filter(Boolean),
          },
    ),
  };
}

/** A fresh webhook signing secret: 32 random bytes, base64url. */
export function newWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}
