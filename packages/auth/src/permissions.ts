import type { RoleName } from "@revolv/validators";

/**
 * The single source of who may do what: the tRPC middleware checks it, the UI hides
 * actions with it, and the README's table is generated from it.
 */
export const permissions = [
  "device:read",
  "device:create",
  "device:update",
  "device:delete",
  "device:credentials",
  "telemetry:read",
  "alarm:read",
  "alarm:ack",
  "alarm:manage",
  "user:read",
  "user:manage",
  "audit:read",
  "session:manage",
  "system:read",
  "system:manage",
] as const;
export type Permission = (typeof permissions)[number];

export const permissionDescriptions: Record<Permission, string> = {
  "device:read": "List and view devices",
  "device:create": "Register devices",
  "device:update": "Edit devices and set maintenance",
  "device:delete": "Decommission devices",
  "device:credentials": "Rotate a device's MQTT credential",
  "telemetry:read": "Read telemetry and fleet summaries",
  "alarm:read": "List alarms, alarm rules and notification deliveries",
  "alarm:ack": "Acknowledge and clear alarms",
  "alarm:manage": "Create, edit, delete and backtest alarm rules and their notifications",
  "user:read": "List and view users",
  "user:manage": "Create and invite users, assign roles, disable and enable accounts",
  "audit:read": "Read the audit trail",
  "session:manage": "List and revoke any user's sessions",
  "system:read": "See the ingest pipeline's health and the dead-letter queue",
  "system:manage": "Redrive and purge dead-lettered messages",
};

export const rolePermissions: Record<RoleName, readonly Permission[]> = {
  admin: permissions,
  supervisor: [
    "device:read",
    "device:create",
    "device:update",
    "device:delete",
    "device:credentials",
    "telemetry:read",
    "alarm:read",
    "alarm:ack",
    "alarm:manage",
    "user:read",
    "audit:read",
    // Supervisors watch the pipeline; changing what is on the queues stays with admins.
    "system:read",
  ],
  technician: ["device:read", "device:update", "telemetry:read", "alarm:read", "alarm:ack"],
  viewer: ["device:read", "telemetry:read", "alarm:read"],
};

export function roleHasPermission(role: RoleName, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}
