import { generateDeviceCredential, hashDeviceCredential } from "@revolv/auth";
import {
  decommissionedNow,
  deviceSchema,
  devices,
  deviceWithCredentialSchema,
  isDecommissioned,
  publicDeviceColumns,
} from "@revolv/db/schema";
import {
  createDeviceSchema,
  deviceIdInputSchema,
  listDevicesSchema,
  pageOutputSchema,
  updateDeviceSchema,
} from "@revolv/validators";
import { eq } from "drizzle-orm";
import { recordAudit, type Transaction } from "../audit";
import { queryDevicePage } from "../devices/list-page";
import { createTRPCRouter, requirePermission, TRPCError } from "../trpc";
import { bulkDeviceProcedures } from "./devices-bulk";
import { deviceCsvProcedures } from "./devices-csv";
import { deviceEventProcedures } from "./devices-events";

const notFound = () => new TRPCError({ code: "NOT_FOUND", message: "No device with this id" });

/** Locks the row so concurrent edits serialize and the audit's `before` is exact. */
async function loadForUpdate(tx: Transaction, id: string) {
  const [device] = await tx.select(publicDeviceColumns).from(devices).where(eq(devices.id, id)).for("update");
  if (!device) throw notFound();
  return device;
}

const tags = ["devices"];

export const devicesRouter = createTRPCRouter({
  ...bulkDeviceProcedures,
  ...deviceCsvProcedures,
  ...deviceEventProcedures,

  list: requirePermission("device:read")
    .meta({
      openapi: {
        method: "GET",
        path: "/devices",
        tags,
        summary: "List devices (paged, filtered, searched, sorted)",
      },
    })
    .input(listDevicesSchema)
    .output(pageOutputSchema(deviceSchema))
    .query(({ ctx, input }) => queryDevicePage(ctx.db, ctx.clickhouse, input)),

  get: requirePermission("device:read")
    .meta({ openapi: { method: "GET", path: "/devices/{id}", tags, summary: "Get one device" } })
    .input(deviceIdInputSchema)
    .output(deviceSchema)
    .query(async ({ ctx, input }) => {
      const [device] = await ctx.db.select(publicDeviceColumns).from(devices).where(eq(devices.id, input.id));
      if (!device) throw notFound();
      return device;
    }),

  create: requirePermission("device:create")
    .meta({
      openapi: {
        method: "POST",
        path: "/devices",
        tags,
        summary: "Register a device; the response carries its MQTT credential, shown once",
      },
    })
    .input(createDeviceSchema)
    .output(deviceWithCredentialSchema)
    .mutation(async ({ ctx, input }) => {
      const credential = generateDeviceCredential();
      const device = await ctx.db.transaction(async (tx) => {
        const [created] = await tx
          .insert(devices)
          .values({
            type: input.type,
            serialNumber: input.serialNumber,
            name: input.name,
            site: input.site,
            latitude: input.location?.latitude ?? null,
            longitude: input.location?.longitude ?? null,
            firmwareVersion: input.firmwareVersion ?? null,
            tags: input.tags,
            credentialHash: hashDeviceCredential(credential),
          })
          .returning(publicDeviceColumns);
        if (!created) throw new Error("device insert returned no row");
        await recordAudit(tx, ctx, {
          action: "device.create",
          targetType: "device",
          targetId: created.id,
          after: created,
        });
        return created;
      });
      return { device, credential };
    }),

  update: requirePermission("device:update")
    .meta({ openapi: { method: "PATCH", path: "/devices/{id}", tags, summary: "Edit a device" } })
    .input(updateDeviceSchema)
    .output(deviceSchema)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        const before = await loadForUpdate(tx, input.id);
        if (isDecommissioned(before)) {
          throw new TRPCError({ code: "CONFLICT", message: "A decommissioned device cannot be edited" });
        }
        const changes = {
          ...(input.name !== undefined && { name: input.name }),
          ...(input.site !== undefined && { site: input.site }),
          ...(input.location !== undefined && {
            latitude: input.location?.latitude ?? null,
            longitude: input.location?.longitude ?? null,
          }),
          ...(input.firmwareVersion !== undefined && { firmwareVersion: input.firmwareVersion ?? null }),
          ...(input.tags !== undefined && { tags: input.tags }),
          ...(input.status !== undefined && { status: input.status }),
        };
        if (Object.keys(changes).length === 0) return before;
        const [after] = await tx
          .update(devices)
          .set(changes)
          .where(eq(devices.id, input.id))
          .returning(publicDeviceColumns);
        if (!after) throw notFound();
        await recordAudit(tx, ctx, {
          action: "device.update",
          targetType: "device",
          targetId: after.id,
          before,
          after,
        });
        return after;
      }),
    ),

  decommission: requirePermission("device:delete")
    .meta({
      openapi: {
        method: "POST",
        path: "/devices/{id}/decommission",
        tags,
        summary: "Decommission a device; its credential stops working",
      },
    })
    .input(deviceIdInputSchema)
    .output(deviceSchema)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        const before = await loadForUpdate(tx, input.id);
        if (isDecommissioned(before)) {
          throw new TRPCError({ code: "CONFLICT", message: "The device is already decommissioned" });
        }
        const [after] = await tx
          .update(devices)
          // A fresh random hash nobody holds the credential for: the old credential is dead.
          .set({ ...decommissionedNow(), credentialHash: hashDeviceCredential(generateDeviceCredential()) })
          .where(eq(devices.id, input.id))
          .returning(publicDeviceColumns);
        if (!after) throw notFound();
        await recordAudit(tx, ctx, {
          action: "device.decommission",
          targetType: "device",
          targetId: after.id,
          before,
          after,
        });
        return after;
      }),
    ),

  rotateCredential: requirePermission("device:credentials")
    .meta({
      openapi: {
        method: "POST",
        path: "/devices/{id}/credential",
        tags,
        summary: "Issue a new MQTT credential (shown once); the old one stops working",
      },
    })
    .input(deviceIdInputSchema)
    .output(deviceWithCredentialSchema)
    .mutation(async ({ ctx, input }) => {
      const credential = generateDeviceCredential();
      const device = await ctx.db.transaction(async (tx) => {
        const before = await loadForUpdate(tx, input.id);
        if (isDecommissioned(before)) {
          throw new TRPCError({ code: "CONFLICT", message: "A decommissioned device gets no credential" });
        }
        const [after] = await tx
          .update(devices)
          .set({ credentialHash: hashDeviceCredential(credential), credentialRotatedAt: new Date() })
          .where(eq(devices.id, input.id))
          .returning(publicDeviceColumns);
        if (!after) throw notFound();
        // The audit records that and when, never the credential or its hash.
        await recordAudit(tx, ctx, {
          action: "device.rotate_credential",
          targetType: "device",
          targetId: after.id,
          before: { credentialRotatedAt: before.credentialRotatedAt },
          after: { credentialRotatedAt: after.credentialRotatedAt },
        });
        return after;
      });
      return { device, credential };
    }),
});
