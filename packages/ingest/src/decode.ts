import { type DeviceEventRow, deviceEventRow, type ReadingRow, readingRowsFrom } from "@revolv/telemetry";
import {
  formatIssues,
  type LifecycleEvent,
  lifecycleEventSchema,
  metricCatalog,
  type SqsTelemetryBody,
  sqsTelemetryBodySchema,
} from "@revolv/validators";
import { isSqsTelemetryBody } from "./body-validator";
import type { DeviceStanding } from "./device-directory";

export const deadLetterReasons = [
  "bad_json",
  "schema",
  "unknown_device",
  "decommissioned_device",
  "metric_not_for_device_type",
] as const;
export type DeadLetterReason = (typeof deadLetterReasons)[number];

export type Parsed =
  | { ok: true; kind: "telemetry"; deviceId: string; body: SqsTelemetryBody }
  | { ok: true; kind: "lifecycle"; deviceId: string; event: LifecycleEvent }
  | { ok: false; reason: DeadLetterReason; detail: string };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** AWS IoT Core's lifecycle events (and the embedded broker's) carry an `eventType`; telemetry never does. */
const isLifecycleShaped = (json: unknown): json is Record<string, unknown> =>
  typeof json === "object" && json !== null && "eventType" in json && "clientId" in json;

function parseLifecycle(json: Record<string, unknown>): Parsed {
  const result = lifecycleEventSchema.safeParse(json);
  if (!result.success) {
    return { ok: false, reason: "schema", detail: formatIssues(result.error, { whole: "(body)", limit: 5 }) };
  }
  // Devices connect with their id as client id; any other client is no device of ours.
  if (!uuidPattern.test(result.data.clientId)) {
    return {
      ok: false,
      reason: "unknown_device",
      detail: `client ${result.data.clientId} is not a device id`,
    };
  }
  return { ok: true, kind: "lifecycle", deviceId: result.data.clientId.toLowerCase(), event: result.data };
}

/**
 * JSON.parse and the contract, once per message: the compiled validator decides (a fraction of
 * Zod's CPU), Zod explains only what it refuses. Both accept exactly the same bodies
 * (body-validator.test.ts); a valid body keeps any extra fields the device sent, which storage
 * never reads.
 */
export function parseBody(raw: string | undefined): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(raw ?? "");
  } catch (error) {
    return { ok: false, reason: "bad_json", detail: error instanceof Error ? error.message : "not JSON" };
  }
  if (isSqsTelemetryBody(json)) return { ok: true, kind: "telemetry", deviceId: json.deviceId, body: json };
  if (isLifecycleShaped(json)) return parseLifecycle(json);
  const result = sqsTelemetryBodySchema.safeParse(json);
  if (!result.success) {
    const detail = formatIssues(result.error, { whole: "(body)", limit: 5 });
    return { ok: false, reason: "schema", detail };
  }
  return { ok: true, kind: "telemetry", deviceId: result.data.deviceId, body: result.data };
}

export type Admitted =
  | { ok: true; rows: ReadingRow[]; events: DeviceEventRow[] }
  | { ok: false; reason: DeadLetterReason; detail: string };

type Refusal = Extract<Admitted, { ok: false }>;

/** Why a device that is not active gets no message stored. */
function refusal(deviceId: string, standing: DeviceStanding | undefined): Refusal {
  return standing?.kind === "decommissioned"
    ? { ok: false, reason: "decommissioned_device", detail: `device ${deviceId} is decommissioned` }
    : { ok: false, reason: "unknown_device", detail: `no device ${deviceId}` };
}

/**
 * A connect or disconnect as one device event. AWS may deliver a lifecycle event twice; a
 * session connects once and disconnects once, so type and session identify the event.
 */
export function admitLifecycle(
  deviceId: string,
  event: LifecycleEvent,
  standing: DeviceStanding | undefined,
): Admitted {
  if (standing?.kind !== "active") return refusal(deviceId, standing);
  const detail =
    event.eventType === "connected" ? `from ${event.ipAddress || "unknown address"}` : event.disconnectReason;
  return {
    ok: true,
    rows: [],
    events: [
      deviceEventRow(
        deviceId,
        `${event.eventType}:${event.sessionIdentifier}`,
        event.eventType,
        event.timestamp,
        detail,
      ),
    ],
  };
}

/** Checks the message against what Postgres knows of its device, then flattens it to rows. */
export function admit(body: SqsTelemetryBody, standing: DeviceStanding | undefined): Admitted {
  if (standing?.kind !== "active") return refusal(body.deviceId, standing);
  const foreign = body.readings.find((r) => metricCatalog[r.metric].deviceType !== standing.type);
  if (foreign) {
    return {
      ok: false,
      reason: "metric_not_for_device_type",
      detail: `${foreign.metric} is not a ${standing.type} metric`,
    };
  }
  return { ok: true, rows: readingRowsFrom(body, standing.type), events: [] };
}
