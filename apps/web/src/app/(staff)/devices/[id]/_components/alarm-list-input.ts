import type { ListAlarmsInput } from "@revolv/validators";

/** Rows per page of the device page's Alarms tab. */
export const deviceAlarmPageSize = 10;

/**
 * The Alarms tab's queries, spelled once so the server page prefetches exactly what the client
 * asks for: every alarm of the device (open first, as the console orders them), and the count of
 * active ones for the tab's badge (one row is enough: the total is the count).
 */
export const deviceAlarmInputs = {
  page: (deviceId: string, page: number): ListAlarmsInput => ({
    deviceId,
    page,
    pageSize: deviceAlarmPageSize,
  }),
  activeCount: (deviceId: string): ListAlarmsInput => ({
    deviceId,
    status: "active",
    page: 1,
    pageSize: 1,
  }),
};
