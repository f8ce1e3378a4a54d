import { z } from "zod";
import {
  deviceAttentions,
  deviceSortFields,
  deviceStatuses,
  deviceTypes,
  siteMaxLength,
  tagMaxLength,
  tagPattern,
} from "./device-fields";
import { pageInputSchema } from "./pagination";

export { deviceAttentions, deviceSortFields, deviceStatuses, deviceTypes };
export const deviceTypeSchema = z.enum(deviceTypes);
export type DeviceType = z.infer<typeof deviceTypeSchema>;

export const deviceStatusSchema = z.enum(deviceStatuses);
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;

export const deviceIdSchema = z.uuid("Unknown device id format");

export const serialNumberSchema = z
  .string()
  .trim()
  .min(3, "Serial number must be at least 3 characters")
  .max(64, "Serial number must be at most 64 characters")
  .regex(/^[A-Za-z0-9-]+$/, "Serial number may contain letters, digits and '-' only");

export const deviceNameSchema = z.string().trim().min(1, "Name is required").max(120);
export const siteSchema = z.string().trim().min(1, "Site is required").max(siteMaxLength);
export const firmwareVersionSchema = z
  .string()
  .trim()
  .max(32)
  .regex(/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/, "Firmware version must look like 1.2.3");

export const tagSchema = z
  .string()
  .trim()
  .min(1)
  .max(tagMaxLength)
  .regex(tagPattern, "Tags are lower-case letters, digits, ':', '_' and '-'");
export const tagsSchema = z.array(tagSchema).max(20, "At most 20 tags").default([]);

export const locationSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});

export const createDeviceSchema = z.object({
  type: deviceTypeSchema,
  serialNumber: serialNumberSchema,
  name: deviceNameSchema,
  site: siteSchema,
  location: locationSchema.nullish(),
  firmwareVersion: firmwareVersionSchema.nullish(),
  tags: tagsSchema,
});
export type CreateDeviceInput = z.infer<typeof createDeviceSchema>;

export const updateDeviceSchema = z.object({
  id: deviceIdSchema,
  name: deviceNameSchema.optional(),
  site: siteSchema.optional(),
  location: locationSchema.nullish(),
  firmwareVersion: firmwareVersionSchema.nullish(),
  tags: z.array(tagSchema).max(20).optional(),
  status: z.enum(["online", "offline", "maintenance"]).optional(),
});
export type UpdateDeviceInput = z.infer<typeof updateDeviceSchema>;

export const deviceAttentionSchema = z.enum(deviceAttentions);
export type DeviceAttention = z.infer<typeof deviceAttentionSchema>;

export const listDevicesSchema = pageInputSchema.extend({
  type: deviceTypeSchema.optional(),
  status: deviceStatusSchema.optional(),
  site: siteSchema.optional(),
  tag: tagSchema.optional(),
  attention: deviceAttentionSchema.optional(),
  search: z.string().trim().max(120).optional(),
  sortBy: z.enum(deviceSortFields).default("createdAt"),
  sortDir: z.enum(["asc", "desc"]).default("desc"),
});
export type ListDevicesInput = z.infer<typeof listDevicesSchema>;

export const deviceIdInputSchema = z.object({ id: deviceIdSchema });
