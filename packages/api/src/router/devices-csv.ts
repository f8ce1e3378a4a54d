import { generateDeviceCredential, hashDeviceCredential } from "@revolv/auth";
import { devices, publicDeviceColumns } from "@revolv/db/schema";
import {
  deviceImportInputSchema,
  deviceImportPreviewSchema,
  deviceImportResultSchema,
  listDevicesSchema,
} from "@revolv/validators";
import { type AuditEntry, recordAuditMany } from "../audit";
import { exportDevicesCsv } from "../devices/csv-export";
import { validateDeviceImport } from "../devices/csv-import";
import { requirePermission } from "../trpc";

const tags = ["devices"];

/** `devices.list`'s filter and sort without the page: the export covers every page. */
export const deviceExportInputSchema = listDevicesSchema.omit({ page: true, pageSize: true });

export const deviceCsvProcedures = {
  /**
   * CSV chunks of every device the filter matches. Served as REST `GET /api/v1/devices.csv`
   * (see `devices-csv-route.ts`), which streams the chunks as they come.
   */
  exportCsv: requirePermission("device:read")
    .input(deviceExportInputSchema)
    .query(({ ctx, input }) => exportDevicesCsv(ctx, input)),

  importPreview: requirePermission("device:create")
    .meta({
      openapi: {
        method: "POST",
        path: "/devices/import/preview",
        tags,
        summary: "Check a CSV of devices row by row (schema and duplicate serials); creates nothing",
      },
    })
    .input(deviceImportInputSchema)
    .output(deviceImportPreviewSchema)
    .mutation(({ ctx, input }) => validateDeviceImport(ctx.db, input.csv)),

  importCommit: requirePermission("device:create")
    .meta({
      openapi: {
        method: "POST",
        path: "/devices/import",
        tags,
        summary:
          "Create the valid rows of a CSV of devices in one transaction; the response carries their credentials, shown once",
      },
    })
    .input(deviceImportInputSchema)
    .output(deviceImportResultSchema)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        // Validated again inside the transaction: the preview may be minutes old.
        const validation = await validateDeviceImport(tx, input.csv);
        const skipped = validation.rows.flatMap((row) => row.errors);
        const toCreate = validation.rows.flatMap((row) =>
          row.device ? [{ line: row.line, device: row.device, credential: generateDeviceCredential() }] : [],
        );
        if (toCreate.length === 0) return { created: [], skipped };
        const inserted = await tx
          .insert(devices)
          .values(
            toCreate.map(({ device, credential }) => ({
              type: device.type,
              serialNumber: device.serialNumber,
              name: device.name,
              site: device.site,
              latitude: device.location?.latitude ?? null,
              longitude: device.location?.longitude ?? null,
              firmwareVersion: device.firmwareVersion ?? null,
              tags: device.tags,
              credentialHash: hashDeviceCredential(credential),
            })),
          )
          .returning(publicDeviceColumns);
        await recordAuditMany(
          tx,
          ctx,
          inserted.map(
            (created): AuditEntry => ({
              action: "device.create",
              targetType: "device",
              targetId: created.id,
              after: { ...created, via: "import" },
            }),
          ),
        );
        // Matched back by (type, serial), unique within the file, rather than trusting RETURNING's order.
        const byKey = new Map(
          inserted.map((created) => [`${created.type}:${created.serialNumber}`, created]),
        );
        const created = toCreate.flatMap(({ line, device, credential }) => {
          const row = byKey.get(`${device.type}:${device.serialNumber}`);
          return row
            ? [
                {
                  line,
                  id: row.id,
                  type: row.type,
                  serialNumber: row.serialNumber,
                  name: row.name,
                  credential,
                },
              ]
            : [];
        });
        return { created, skipped };
      }),
    ),
};
