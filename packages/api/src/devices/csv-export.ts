import type { ClickHouseClient } from "@clickhouse/client";
import type { Database } from "@revolv/db/client";
import { type Device, devices, publicDeviceColumns } from "@revolv/db/schema";
import { deviceImportColumns } from "@revolv/validators";
import { sql } from "drizzle-orm";
import { csvRecord, joinTags, neutraliseFormula } from "./csv-cells";
import { type DeviceFilter, deviceFilterOrder, deviceFilterWhere } from "./list-query";

/** The import's columns first, so an export can be edited and imported; then the read-only ones. */
export const deviceExportColumns = [
  "id",
  ...deviceImportColumns,
  "status",
  "lastSeenAt",
  "createdAt",
  "decommissionedAt",
] as const;
type ExportColumn = (typeof deviceExportColumns)[number];

const exportChunkRows = 1_000;

/** A uuid[] literal: every driver (pg, Neon, PGlite) passes it as one text parameter. */
const toUuidArray = (ids: string[]) => sql`${`{${ids.join(",")}}`}::uuid[]`;

const text = (value: string | null) => (value === null ? "" : neutraliseFormula(value));
const time = (value: Date | null) => (value === null ? "" : value.toISOString());

function exportRecord(device: Device): Record<ExportColumn, string | number> {
  return {
    id: device.id,
    type: device.type,
    serialNumber: text(device.serialNumber),
    name: text(device.name),
    site: text(device.site),
    latitude: device.latitude ?? "",
    longitude: device.longitude ?? "",
    firmwareVersion: text(device.firmwareVersion),
    tags: text(joinTags(device.tags)),
    status: device.status,
    lastSeenAt: time(device.lastSeenAt),
    createdAt: time(device.createdAt),
    decommissionedAt: time(device.decommissionedAt),
  };
}

const csvOf = (records: Record<ExportColumn, string | number>[]) =>
  records.map((record) => csvRecord(deviceExportColumns.map((column) => record[column]))).join("");

/**
 * Every device the filter matches, as CSV chunks in the table's order. The matching ids are read
 * once (one consistent snapshot of the selection, 16 bytes a row), then the rows in chunks by id:
 * linear in the export's size, where offset paging would rescan the skipped rows for every chunk.
 */
export async function* exportDevicesCsv(
  { db, clickhouse }: { db: Database; clickhouse: ClickHouseClient },
  filter: DeviceFilter,
): AsyncGenerator<string> {
  const ids = await db
    .select({ id: devices.id })
    .from(devices)
    .where(await deviceFilterWhere(clickhouse, filter))
    .orderBy(...deviceFilterOrder(filter));
  yield csvRecord(deviceExportColumns);
  for (let start = 0; start < ids.length; start += exportChunkRows) {
    const chunk = ids.slice(start, start + exportChunkRows).map((row) => row.id);
    // One array parameter rather than a thousand: binding and planning stay cheap.
    const rows = await db
      .select(publicDeviceColumns)
      .from(devices)
      .where(sql`${devices.id} = any(${toUuidArray(chunk)})`);
    const byId = new Map(rows.map((row) => [row.id, row]));
    // A device deleted since the ids were read is simply left out.
    const ordered = chunk.flatMap((id) => byId.get(id) ?? []);
    yield csvOf(ordered.map(exportRecord));
  }
}
