import type { ListAuditEventsInput } from "@revolv/validators";

/**
 * The audit queries server pages prefetch and client components ask for, spelled once so both
 * use the same cache key. Kept out of the "use client" modules: a server page importing a value
 * from one would get a client reference, not the value.
 */
export const actorUsersInput = { pageSize: 100 };

/** Rows per page of the device page's Activity tab. */
export const deviceAuditPageSize = 10;

/** One page of the audit rows whose target is this device, newest first. */
export const deviceAuditInput = (deviceId: string, page: number): ListAuditEventsInput => ({
  targetType: "device",
  targetId: deviceId,
  page,
  pageSize: deviceAuditPageSize,
});

/** The audit log filtered to one device: its URL filters (see `auditParams`). */
export const deviceAuditLogHref = (deviceId: string) => `/audit?target=device&targetId=${deviceId}`;
