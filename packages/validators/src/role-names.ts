/**
 * The role names without Zod (`@revolv/validators/role-names`), for client components that
 * list or parse them; `role.ts` builds `roleNameSchema` from the same list.
 * Ordered from most to least privileged; registration gets the last one.
 */
export const roleNames = ["admin", "supervisor", "technician", "viewer"] as const;
