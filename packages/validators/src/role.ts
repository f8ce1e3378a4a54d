import { z } from "zod";
import { roleNames } from "./role-names";

export { roleNames };

export const roleNameSchema = z.enum(roleNames);
export type RoleName = z.infer<typeof roleNameSchema>;

export const leastPrivilegedRole: RoleName = "viewer";

export const roleDescriptions: Record<RoleName, string> = {
  admin: "Full control: users, roles, devices, credentials and the audit trail",
  supervisor: "Runs the fleet: manages devices and reads users and the audit trail",
  technician: "Services devices in the field: reads and updates devices, reads telemetry",
  viewer: "Read-only access to devices and telemetry",
};
