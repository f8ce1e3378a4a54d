import { devices } from "@revolv/db/schema";
import { queryFleetSummary } from "@revolv/telemetry";
import {
  type DeviceStatus,
  type DeviceType,
  deviceStatuses,
  deviceTypes,
  type FleetDeviceCounts,
  fleetSummaryInputSchema,
  fleetSummarySchema,
} from "@revolv/validators";
import { count, eq } from "drizzle-orm";
import { createTRPCRouter, requirePermission } from "../trpc";

export const fleetRouter = createTRPCRouter({
  summary: requirePermission("telemetry:read")
    .meta({
      openapi: {
        method: "GET",
        path: "/fleet/summary",
        tags: ["telemetry"],
        summary: "Registered devices by type and status, and what the fleet reported",
      },
    })
    .input(fleetSummaryInputSchema)
    .output(fleetSummarySchema)
    .query(async ({ ctx, input }) => {
      const [rows, telemetry] = await Promise.all([
        ctx.db
          .select({ type: devices.type, status: devices.status, devices: count() })
          .from(devices)
          .where(input.type ? eq(devices.type, input.type) : undefined)
          .groupBy(devices.type, devices.status),
        queryFleetSummary(ctx.clickhouse, input),
      ]);
      // Every type in the filter and every status appear, zeros included, so a dashboard
      // never has to guess whether a missing key means none.
      const types: readonly DeviceType[] = input.type ? [input.type] : deviceTypes;
      const counts = types.map(
        (type): FleetDeviceCounts => ({
          type,
          total: 0,
          byStatus: Object.fromEntries(deviceStatuses.map((s) => [s, 0])) as Record<DeviceStatus, number>,
        }),
      );
      for (const row of rows) {
        const entry = counts.find((c) => c.type === row.type);
        if (!entry) continue;
        entry.total += row.devices;
        entry.byStatus[row.status] += row.devices;
      }
      return { devices: counts, telemetry };
    }),
});
