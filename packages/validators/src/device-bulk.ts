import { z } from "zod";
import { deviceIdSchema, tagSchema } from "./device";

/** One bulk call touches at most this many devices, so one transaction stays short. */
export const maxBulkDevices = 500;

export const bulkDeviceIdsSchema = z
  .array(deviceIdSchema)
  .min(1, "Select at least one device")
  .max(maxBulkDevices, `At most ${maxBulkDevices} devices per bulk action`);

export const bulkDevicesInputSchema = z.object({ ids: bulkDeviceIdsSchema });
export type BulkDevicesInput = z.infer<typeof bulkDevicesInputSchema>;

export const bulkDeviceTagInputSchema = z.object({ ids: bulkDeviceIdsSchema, tag: tagSchema });
export type BulkDeviceTagInput = z.infer<typeof bulkDeviceTagInputSchema>;

/** What a bulk action did: the devices it changed, and those it left alone because nothing was to do. */
export const bulkDevicesResultSchema = z.object({
  changed: z.array(deviceIdSchema),
  unchanged: z.array(deviceIdSchema),
});
export type BulkDevicesResult = z.infer<typeof bulkDevicesResultSchema>;
