import { devices } from "@revolv/db/schema";
import { queryDeviceEvents } from "@revolv/telemetry";
import { deviceEventsInputSchema, deviceEventsPageSchema } from "@revolv/validators";
import { eq } from "drizzle-orm";
import { requirePermission, TRPCError } from "../trpc";

const tags = ["devices"];

export const deviceEventProcedures = {
  /**
   * A device's connectivity and health events (connected, disconnected, went offline, came
   * back, fault, jam), newest first. They live in ClickHouse, which knows nothing of
   * registrations: Postgres answers whether the device exists, so an unknown id is a 404.
   */
  events: requirePermission("device:read")
    .meta({
      openapi: {
        method: "GET",
        path: "/devices/{id}/events",
        tags,
        summary:
          "A device's events (connects, disconnects, offline and back, faults, jams), newest first, paged",
      },
    })
    .input(deviceEventsInputSchema)
    .output(deviceEventsPageSchema)
    .query(async ({ ctx, input }) => {
      const [device] = await ctx.db.select({ id: devices.id }).from(devices).where(eq(devices.id, input.id));
      if (!device) throw new TRPCError({ code: "NOT_FOUND", message: "No device with this id" });
      return queryDeviceEvents(ctx.clickhouse, input);
    }),
};
