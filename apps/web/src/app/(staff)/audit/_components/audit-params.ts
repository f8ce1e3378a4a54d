import type { ListAuditEventsInput } from "@revolv/validators";
import {
  createLoader,
  type inferParserType,
  parseAsInteger,
  parseAsIsoDateTime,
  parseAsString,
  parseAsStringLiteral,
} from "nuqs/server";

export const auditPageSize = 25;

/** What the audit trail records today; the filter offers these (the API takes any name). */
export const auditActions = [
  "device.create",
  "device.update",
  "device.decommission",
  "device.rotate_credential",
  "user.create",
  "user.register",
  "user.update_role",
  "user.disable",
  "user.enable",
  "user.change_password",
  "session.create",
  "session.revoke",
  "invitation.create",
  "invitation.accept",
  "invitation.revoke",
  "dead_letters.redrive",
  "dead_letters.purge",
] as const;

export const auditTargetTypes = ["device", "user", "session", "invitation", "dead_letter_queue"] as const;

/** The audit log's view in the URL: filters, time range and page. */
export const auditParams = {
  actor: parseAsString,
  action: parseAsStringLiteral(auditActions),
  target: parseAsStringLiteral(auditTargetTypes),
  targetId: parseAsString.withDefault(""),
  from: parseAsIsoDateTime,
  to: parseAsIsoDateTime,
  page: parseAsInteger.withDefault(1),
};

export type AuditView = inferParserType<typeof auditParams>;

export const loadAuditView = createLoader(auditParams);

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `audit.list` input of a view; a hand-edited actor that is no id is ignored, not a 400. */
export function auditInputOf(view: AuditView): ListAuditEventsInput {
  return {
    page: Math.max(1, view.page),
    pageSize: auditPageSize,
    ...(view.actor && uuid.test(view.actor) && { actorId: view.actor }),
    ...(view.action && { action: view.action }),
    ...(view.target && { targetType: view.target }),
    ...(view.targetId.trim() && { targetId: view.targetId.trim().slice(0, 64) }),
    ...(view.from && { from: view.from }),
    ...(view.to && { to: view.to }),
  };
}
