import { type ReadingRow, readingRowsFrom } from "@revolv/telemetry";
import {
  formatIssues,
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
  | { ok: true; body: SqsTelemetryBody }
  | { ok: false; reason: DeadLetterReason; detail: string };

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
  if (isSqsTelemetryBody(json)) return { ok: true, body: json };
  const result = sqsTelemetryBodySchema.safeParse(json);
  if (!result.success) {
    const detail = formatIssues(result.error, { whole: "(body)", limit: 5 });
    return { ok: false, reason: "schema", detail };
  }
  return { ok: true, body: result.data };
}

export type Admitted =
  | { ok: true; rows: ReadingRow[] }
  | { ok: false; reason: DeadLetterReason; detail: string };

/** Checks the message against what Postgres knows of its device, then flattens it to rows. */
export function admit(body: SqsTelemetryBody, standing: DeviceStanding | undefined): Admitted {
  if (!standing || standing.kind === "unknown") {
    return { ok: false, reason: "unknown_device", detail: `no device ${body.deviceId}` };
  }
  if (standing.kind === "decommissioned") {
    return {
      ok: false,
      reason: "decommissioned_device",
      detail: `device ${body.deviceId} is decommissioned`,
    };
  }
  const foreign = body.readings.find((r) => metricCatalog[r.metric].deviceType !== standing.type);
  if (foreign) {
    return {
      ok: false,
      reason: "metric_not_for_device_type",
      detail: `${foreign.metric} is not a ${standing.type} metric`,
    };
  }
  return { ok: true, rows: readingRowsFrom(body, standing.type) };
}
