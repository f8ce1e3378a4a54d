import type { Database } from "@revolv/db/client";
import { devices } from "@revolv/db/schema";
import {
  queryBinsNearlyFull,
  queryFaultsLast24h,
  queryFleetSummary,
  queryLowBattery,
  queryMessagesPerMinute,
} from "@revolv/telemetry";
import {
  type DeviceStatus,
  type DeviceType,
  deviceStatuses,
  deviceTypes,
  type FleetDeviceCounts,
  fleetAttentionSchema,
  fleetSummaryInputSchema,
  fleetSummarySchema,
} from "@revolv/validators";
import { asc, count, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { deviceFilterWhere } from "../devices/list-query";
import { createTRPCRouter, requirePermission } from "../trpc";

const deviceRefColumns = {
  id: devices.id,
  name: devices.name,
  serialNumber: devices.serialNumber,
  site: devices.site,
};

/**
 * Joins telemetry rows (device ids from ClickHouse) with the registry's names; a device
 * ClickHouse knows but Postgres no longer does is left out.
 */
async function withDevices<T extends { deviceId: string }>(db: Database, rows: T[]) {
  const ids = [...new Set(rows.map((row) => row.deviceId))];
  const found = ids.length
    ? await db.select(deviceRefColumns).from(devices).where(inArray(devices.id, ids))
    : [];
  const byId = new Map(found.map((device) => [device.id, device]));
  return rows.flatMap(({ deviceId, ...rest }) => {
    const device = byId.get(deviceId);
    return device ? [{ device, ...rest }] : [];
  });
}

export const fleetRouter = createTRPCRouter({
  attention: requirePermission("telemetry:read")
    .meta({
      openapi: {
        method: "GET",
        path: "/fleet/attention",
        tags: ["telemetry"],
        summary:
          "Devices that need someone (bins nearly full, low battery, faults in 24 h, silent) and messages per minute",
      },
    })
    .input(z.void())
    .output(fleetAttentionSchema)
    .query(async ({ ctx }) => {
      const now = new Date();
      const silentWhere = await deviceFilterWhere(
        ctx.clickhouse,
        {
          attention: "silent",
          sortBy: "lastSeenAt",
          sortDir: "asc",
        },
        now,
      );
      const [bins, batteries, faults, messagesPerMinute, silent, [silentTotal]] = await Promise.all([
        queryBinsNearlyFull(ctx.clickhouse),
        queryLowBattery(ctx.clickhouse),
        queryFaultsLast24h(ctx.clickhouse, now),
        queryMessagesPerMinute(ctx.clickhouse, now),
        ctx.db
          .select({ ...deviceRefColumns, lastSeenAt: devices.lastSeenAt })
          .from(devices)
          .where(silentWhere)
          // Never heard from first, then the longest silent.
          .orderBy(sql`${devices.lastSeenAt} asc nulls first`, asc(devices.id))
          .limit(10),
        ctx.db.select({ total: count() }).from(devices).where(silentWhere),
      ]);
      return {
        at: now,
        binsNearlyFull: await withDevices(ctx.db, bins),
        lowBattery: await withDevices(ctx.db, batteries),
        faultsLast24h: await withDevices(ctx.db, faults),
        silent: silent.map(({ lastSeenAt, ...device }) => ({ device, lastSeenAt })),
        silentTotal: silentTotal?.total ?? 0,
        messagesPerMinute,
      };
    }),

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
