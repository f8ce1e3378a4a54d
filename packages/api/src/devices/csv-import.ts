import type { Database } from "@revolv/db/client";
import { devices } from "@revolv/db/schema";
import {
  type CreateDeviceInput,
  createDeviceSchema,
  type DeviceImportPreview,
  type DeviceImportRowError,
  type deviceImportColumns,
  maxImportRows,
} from "@revolv/validators";
import { CsvError, parse } from "csv-parse/sync";
import { and, eq, inArray, or } from "drizzle-orm";
import type { Transaction } from "../audit";
import { TRPCError } from "../trpc";
import { restoreNeutralised, splitTags } from "./csv-cells";

type Cells = Partial<Record<string, string>>;
interface ParsedRow {
  line: number;
  cells: Cells;
}

const requiredColumns = ["type", "serialNumber", "name", "site"] as const;

/** Rows as records keyed by the header, each with the file line it starts on (header = line 1). */
/**
 * A problem with the file as a whole (not CSV, a required column missing, no rows, too many) is
 * the caller's bad request: 400 with the reason, no row-by-row answer.
 */
const badFile = (message: string) => new TRPCError({ code: "BAD_REQUEST", message });

function parseRows(csv: string): ParsedRow[] {
  let records: { record: Cells; info: { lines: number } }[];
  try {
    records = parse(csv, {
      bom: true,
      columns: (header: string[]) => header.map((name) => name.trim()),
      skip_empty_lines: true,
      info: true,
      relax_column_count: false,
    });
  } catch (error) {
    if (error instanceof CsvError) throw badFile(`The file is not valid CSV: ${error.message}`);
    throw error;
  }
  const header = records[0] ? Object.keys(records[0].record) : [];
  const missing = requiredColumns.filter((column) => !header.includes(column));
  if (records.length === 0) throw badFile("The file has no rows below its header");
  if (missing.length > 0) throw badFile(`Missing column(s): ${missing.join(", ")}`);
  if (records.length > maxImportRows) throw badFile(`At most ${maxImportRows} rows per file`);
  // `info.lines` is the line a record ends on; a record with a quoted newline spans several.
  let nextLine = 2;
  return records.map(({ record, info }) => {
    const row = { line: nextLine, cells: record };
    nextLine = info.lines + 1;
    return row;
  });
}

const cell = (cells: Cells, column: (typeof deviceImportColumns)[number]) =>
  restoreNeutralised((cells[column] ?? "").trim());

/** A CSV row in the shape `createDeviceSchema` reads; empty optional cells are absent values. */
function candidateFrom(cells: Cells) {
  const latitude = cell(cells, "latitude");
  const longitude = cell(cells, "longitude");
  const firmwareVersion = cell(cells, "firmwareVersion");
  return {
    type: cell(cells, "type"),
    serialNumber: cell(cells, "serialNumber"),
    name: cell(cells, "name"),
    site: cell(cells, "site"),
    location:
      latitude === "" && longitude === ""
        ? null
        : {
            latitude: latitude === "" ? Number.NaN : Number(latitude),
            longitude: longitude === "" ? Number.NaN : Number(longitude),
          },
    firmwareVersion: firmwareVersion === "" ? null : firmwareVersion,
    tags: splitTags(cell(cells, "tags")),
  };
}

const fieldOf = (path: PropertyKey[]) => {
  const [first, second] = path;
  if (first === "location" && typeof second === "string") return second;
  return typeof first === "string" ? first : null;
};

const serialKey = (device: Pick<CreateDeviceInput, "type" | "serialNumber">) =>
  `${device.type}\u0000${device.serialNumber}`;

/** Serials of the file that already exist, as `serialKey`s. */
async function existingSerials(db: Database | Transaction, candidates: CreateDeviceInput[]) {
  if (candidates.length === 0) return new Set<string>();
  const bySerial = [...new Set(candidates.map((device) => device.serialNumber))];
  const rows = await db
    .select({ type: devices.type, serialNumber: devices.serialNumber })
    .from(devices)
    .where(
      and(
        inArray(devices.serialNumber, bySerial),
        or(...[...new Set(candidates.map((device) => device.type))].map((type) => eq(devices.type, type))),
      ),
    );
  return new Set(rows.map(serialKey));
}

export type ImportValidation = DeviceImportPreview;

/**
 * Validates every row of an import file against the shared schema and the database: a serial
 * (per device type, as the unique index has it) twice in the file or already registered is that
 * row's error. Creates nothing.
 */
export async function validateDeviceImport(
  db: Database | Transaction,
  csv: string,
): Promise<ImportValidation> {
  const rows = parseRows(csv);
  const checked = rows.map(({ line, cells }) => {
    const parsed = createDeviceSchema.safeParse(candidateFrom(cells));
    const errors: DeviceImportRowError[] = parsed.success
      ? []
      : parsed.error.issues.map((issue) => ({ line, field: fieldOf(issue.path), message: issue.message }));
    return { line, device: parsed.success ? parsed.data : null, errors };
  });

  const valid = checked.flatMap((row) => (row.device ? [row.device] : []));
  const registered = await existingSerials(db, valid);
  const firstLineOf = new Map<string, number>();
  for (const row of checked) {
    if (!row.device) continue;
    const key = serialKey(row.device);
    const first = firstLineOf.get(key);
    if (registered.has(key)) {
      row.errors.push({
        line: row.line,
        field: "serialNumber",
        message: "A device of this type with this serial number already exists",
      });
    } else if (first !== undefined) {
      row.errors.push({
        line: row.line,
        field: "serialNumber",
        message: `Serial number repeats line ${first} of this file`,
      });
    } else {
      firstLineOf.set(key, row.line);
    }
    if (row.errors.length > 0) row.device = null;
  }

  const validCount = checked.filter((row) => row.device).length;
  return { rows: checked, validCount, invalidCount: checked.length - validCount };
}
