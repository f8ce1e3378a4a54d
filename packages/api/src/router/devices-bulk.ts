import { generateDeviceCredential, hashDeviceCredential } from "@revolv/auth";
import { decommissionedNow, devices, isDecommissioned, publicDeviceColumns } from "@revolv/db/schema";
import {
  bulkDevicesInputSchema,
  bulkDevicesResultSchema,
  bulkDeviceTagInputSchema,
  maxBulkDevices,
} from "@revolv/validators";
import { eq, inArray, sql } from "drizzle-orm";
import { type AuditEntry, recordAuditMany, type Transaction } from "../audit";
import { requirePermission, TRPCError } from "../trpc";

const tags = ["devices"];
/** The validator's cap on tags per device, which a bulk add must not push a device past. */
const maxTagsPerDevice = 20;

/**
 * Locks every selected device in one statement (in id order, so two bulk calls on overlapping
 * selections cannot deadlock) and refuses the whole call when one id is unknown: a bulk action
 * either applies to the whole selection or to none of it.
 */
async function lockSelection(tx: Transaction, ids: string[]) {
  const unique = [...new Set(ids)];
  const rows = await tx
    .select(publicDeviceColumns)
    .from(devices)
    .where(inArray(devices.id, unique))
    .orderBy(devices.id)
    .for("update");
  if (rows.length !== unique.length) {
    const found = new Set(rows.map((row) => row.id));
    const missing = unique.filter((id) => !found.has(id));
    throw new TRPCError({
      code: "NOT_FOUND",
      message: `No device with id ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ` and ${missing.length - 5} more` : ""}`,
    });
  }
  return rows;
}

type TagChange = "add" | "remove";

function bulkTagProcedure(change: TagChange) {
  const verb = change === "add" ? "Add" : "Remove";
  return requirePermission("device:update")
    .meta({
      openapi: {
        method: "POST",
        path: `/devices/bulk/tags/${change}`,
        tags,
        summary: `${verb} a tag on up to ${maxBulkDevices} devices; decommissioned ones are left as they are`,
      },
    })
    .input(bulkDeviceTagInputSchema)
    .output(bulkDevicesResultSchema)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        const selection = await lockSelection(tx, input.ids);
        const toChange = selection.filter(
          (device) => !isDecommissioned(device) && device.tags.includes(input.tag) === (change === "remove"),
        );
        if (change === "add") {
          const full = toChange.find((device) => device.tags.length >= maxTagsPerDevice);
          if (full) {
            throw new TRPCError({
              code: "CONFLICT",
              message: `Device ${full.serialNumber} already has ${maxTagsPerDevice} tags`,
            });
          }
        }
        const changedIds = toChange.map((device) => device.id);
        const after =
          changedIds.length === 0
            ? []
            : await tx
                .update(devices)
                .set({
                  tags:
                    change === "add"
                      ? sql`array_append(${devices.tags}, ${input.tag}::text)`
                      : sql`array_remove(${devices.tags}, ${input.tag}::text)`,
                })
                .where(inArray(devices.id, changedIds))
                .returning({ id: devices.id, tags: devices.tags });
        const before = new Map(toChange.map((device) => [device.id, device.tags]));
        await recordAuditMany(
          tx,
          ctx,
          after.map(
            (device): AuditEntry => ({
              action: "device.update",
              targetType: "device",
              targetId: device.id,
              before: { tags: before.get(device.id) },
              after: { tags: device.tags, via: `bulk ${change} tag` },
            }),
          ),
        );
        const changed = new Set(changedIds);
        return {
          changed: changedIds,
          unchanged: selection.filter((device) => !changed.has(device.id)).map((device) => device.id),
        };
      }),
    );
}

export const bulkDeviceProcedures = {
  bulkAddTag: bulkTagProcedure("add"),
  bulkRemoveTag: bulkTagProcedure("remove"),

  bulkDecommission: requirePermission("device:delete")
    .meta({
      openapi: {
        method: "POST",
        path: "/devices/bulk/decommission",
        tags,
        summary: `Decommission up to ${maxBulkDevices} devices; their credentials stop working`,
      },
    })
    .input(bulkDevicesInputSchema)
    .output(bulkDevicesResultSchema)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        const selection = await lockSelection(tx, input.ids);
        const toChange = selection.filter((device) => !isDecommissioned(device));
        const audit: AuditEntry[] = [];
        // One UPDATE per device: each gets its own fresh random hash nobody holds the credential for.
        for (const before of toChange) {
          const [after] = await tx
            .update(devices)
            .set({ ...decommissionedNow(), credentialHash: hashDeviceCredential(generateDeviceCredential()) })
            .where(eq(devices.id, before.id))
            .returning(publicDeviceColumns);
          if (after) {
            audit.push({
              action: "device.decommission",
              targetType: "device",
              targetId: after.id,
              before,
              after,
            });
          }
        }
        await recordAuditMany(tx, ctx, audit);
        const changed = new Set(toChange.map((device) => device.id));
        return {
          changed: [...changed],
          unchanged: selection.filter((device) => !changed.has(device.id)).map((device) => device.id),
        };
      }),
    ),
};
