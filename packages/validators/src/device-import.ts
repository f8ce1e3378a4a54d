import { z } from "zod";
import { createDeviceSchema, deviceIdSchema } from "./device";

/** A CSV upload is capped so one preview or commit stays one short transaction. */
export const maxImportRows = 2_000;
export const maxImportBytes = 1_000_000;

/**
 * The columns of an import file (and of the export, which adds the read-only ones). Tags are
 * separated by spaces or semicolons inside their cell; location is two optional columns.
 */
export const deviceImportColumns = [
  "type",
  "serialNumber",
  "name",
  "site",
  "latitude",
  "longitude",
  "firmwareVersion",
  "tags",
] as const;

export const deviceImportInputSchema = z.object({
  csv: z
    .string()
    .min(1, "The file is empty")
    .max(maxImportBytes, `The file must be at most ${maxImportBytes / 1_000_000} MB`),
});
export type DeviceImportInput = z.infer<typeof deviceImportInputSchema>;

export const deviceImportRowErrorSchema = z.object({
  /** The line of the file, counting the header as line 1. */
  line: z.number().int(),
  field: z.string().nullable(),
  message: z.string(),
});
export type DeviceImportRowError = z.infer<typeof deviceImportRowErrorSchema>;

export const deviceImportRowSchema = z.object({
  line: z.number().int(),
  device: createDeviceSchema.nullable(),
  errors: z.array(deviceImportRowErrorSchema),
});

export const deviceImportPreviewSchema = z.object({
  rows: z.array(deviceImportRowSchema),
  validCount: z.number().int(),
  invalidCount: z.number().int(),
});
export type DeviceImportPreview = z.infer<typeof deviceImportPreviewSchema>;

export const deviceImportResultSchema = z.object({
  created: z.array(
    z.object({
      line: z.number().int(),
      id: deviceIdSchema,
      type: createDeviceSchema.shape.type,
      serialNumber: z.string(),
      name: z.string(),
      credential: z.string().meta({ description: "The device's MQTT password; shown once" }),
    }),
  ),
  skipped: z.array(deviceImportRowErrorSchema),
});
export type DeviceImportResult = z.infer<typeof deviceImportResultSchema>;
