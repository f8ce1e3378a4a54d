import type { Database } from "@revolv/db/client";
import { devices } from "@revolv/db/schema";
import { queryLatest, querySeries, watchDeviceReadings } from "@revolv/telemetry";
import {
  metricCatalog,
  telemetryLatestInputSchema,
  telemetryLatestSchema,
  telemetryLiveInputSchema,
  telemetrySeriesInputSchema,
  telemetrySeriesSchema,
} from "@revolv/validators";
import { tracked } from "@trpc/server";
import { eq } from "drizzle-orm";
import { createTRPCRouter, requirePermission, TRPCError } from "../trpc";

/**
 * Telemetry lives in ClickHouse and knows nothing of registrations, so every procedure first
 * asks Postgres whether the device exists: an unknown id is a 404, not an empty chart.
 * Decommissioned devices still answer; their history stays readable.
 */
async function requireDevice(db: Database, deviceId: string) {
  const [device] = await db
    .select({ id: devices.id, type: devices.type })
    .from(devices)
    .where(eq(devices.id, deviceId))
    .limit(1);
  if (!device) throw new TRPCError({ code: "NOT_FOUND", message: "No device with this id" });
  return device;
}

const tags = ["telemetry"];

export const telemetryRouter = createTRPCRouter({
  series: requirePermission("telemetry:read")
    .meta({
      openapi: {
        method: "GET",
        path: "/devices/{deviceId}/telemetry/series",
        tags,
        summary:
          "One metric of one device over a time range, in buckets (raw, minute or hour rollups by span)",
      },
    })
    .input(telemetrySeriesInputSchema)
    .output(telemetrySeriesSchema)
    .query(async ({ ctx, input }) => {
      const device = await requireDevice(ctx.db, input.deviceId);
      if (metricCatalog[input.metric].deviceType !== device.type) {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: `${input.metric} is not a metric of a ${device.type}`,
        });
      }
      return querySeries(ctx.clickhouse, input);
    }),

  latest: requirePermission("telemetry:read")
    .meta({
      openapi: {
        method: "GET",
        path: "/devices/{deviceId}/telemetry/latest",
        tags,
        summary: "The newest value of every metric a device has reported",
      },
    })
    .input(telemetryLatestInputSchema)
    .output(telemetryLatestSchema)
    .query(async ({ ctx, input }) => {
      await requireDevice(ctx.db, input.deviceId);
      return { deviceId: input.deviceId, readings: await queryLatest(ctx.clickhouse, input.deviceId) };
    }),

  /**
   * New readings of one device as server-sent events. Each batch is a tracked event whose id
   * is the batch's cursor, so a reconnecting client resumes after what it already has. No
   * OpenAPI: REST has no subscriptions.
   */
  live: requirePermission("telemetry:read")
    .input(telemetryLiveInputSchema)
    .subscription(async ({ ctx, input, signal }) => {
      // Checked before the stream starts, so the caller gets the 404 instead of an empty feed.
      await requireDevice(ctx.db, input.deviceId);
      const watch = watchDeviceReadings(ctx.clickhouse, input.deviceId, {
        cursor: input.lastEventId,
        signal,
      });
      return (async function* () {
        for await (const batch of watch) yield tracked(batch.cursor, batch);
        // The watch ends only when aborted (client gone, or the stream's maxDurationMs). Ending
        // with the abort rather than returning keeps tRPC from telling the client the
        // subscription is complete, so its EventSource reconnects and resumes.
        signal?.throwIfAborted();
      })();
    }),
});
