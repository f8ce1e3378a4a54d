import { verifyDeviceCredential } from "@revolv/auth";
import { auditEvents, devices } from "@revolv/db";
import { parse } from "csv-parse/sync";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiStack, openApiStack } from "./api-stack";
import { apiEngines } from "./engines";
import { createHttpCaller } from "./http-requests";

type RestBody = { code: string; message: string };
interface Preview {
  rows: {
    line: number;
    device: { serialNumber: string; name: string } | null;
    errors: { line: number; field: string | null; message: string }[];
  }[];
  validCount: number;
  invalidCount: number;
}
interface Imported {
  created: { line: number; id: string; serialNumber: string; name: string; credential: string }[];
  skipped: { line: number; field: string | null; message: string }[];
}

const tricky = [
  { serialNumber: "CSV-1", name: 'Hall "A", left bay', tags: ["north", "bay-1"] },
  { serialNumber: "CSV-2", name: "Two\nlines", tags: [] },
  { serialNumber: "CSV-3", name: "=cmd|' /C calc'!A0", tags: [] },
  { serialNumber: "CSV-4", name: "@SUM(1+1)", tags: [] },
];

describe.each(apiEngines)("device CSV export and import on %s", (engine) => {
  let stack: ApiStack;
  let http: ReturnType<typeof createHttpCaller>;
  const logged: string[] = [];

  beforeAll(async () => {
    stack = await openApiStack(`devices-csv-${engine}`, engine);
    http = createHttpCaller(stack.services, (line) => logged.push(line));
    await stack.services.db.insert(devices).values([
      ...tricky.map((device) => ({
        ...device,
        type: "rvm" as const,
        site: "Export site",
        credentialHash: "secret-hash-never-exported",
      })),
      // More than one page of the table (25 rows a page by default), all in the export.
      ...Array.from({ length: 30 }, (_, index) => ({
        type: "soundbox" as const,
        serialNumber: `PAGE-${String(index).padStart(2, "0")}`,
        name: `Paged ${index}`,
        site: "Export site",
        latitude: -33.86,
        longitude: 151.2,
        credentialHash: "secret-hash-never-exported",
      })),
      {
        type: "rvm" as const,
        serialNumber: "ELSEWHERE-1",
        name: "Elsewhere",
        site: "Other site",
        credentialHash: "x",
      },
    ]);
  });
  afterAll(() => stack?.close());

  const exportCsv = async (query: string, authorization?: string) =>
    http.rest("GET", `/devices.csv?${query}`, undefined, {
      authorization: authorization ?? (await stack.bearer("viewer")),
    });

  it("exports every page of the filter, in the table's order, as properly quoted CSV without credentials", async () => {
    const response = await exportCsv("site=Export%20site&sortBy=serialNumber&sortDir=asc");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="devices.csv"');
    const text = await response.text();
    expect(text).not.toContain("secret-hash-never-exported");
    expect(text.toLowerCase()).not.toContain("credential");

    const records = parse(text, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(34);
    expect(records.map((record) => record.serialNumber)).toEqual([
      "CSV-1",
      "CSV-2",
      "CSV-3",
      "CSV-4",
      ...Array.from({ length: 30 }, (_, index) => `PAGE-${String(index).padStart(2, "0")}`),
    ]);
    const bySerial = new Map(records.map((record) => [record.serialNumber, record]));
    expect(bySerial.get("CSV-1")).toMatchObject({
      name: 'Hall "A", left bay',
      tags: "north;bay-1",
      type: "rvm",
    });
    expect(bySerial.get("CSV-2")?.name).toBe("Two\nlines");
    // Numbers stay numbers: a negative latitude is not taken for a formula.
    expect(bySerial.get("PAGE-00")).toMatchObject({ latitude: "-33.86", longitude: "151.2" });
  });

  it("neutralises CSV injection: a cell starting with = or @ is exported as text", async () => {
    const text = await (await exportCsv("search=CSV-")).text();
    const records = parse(text, { columns: true }) as Record<string, string>[];
    const names = new Map(records.map((record) => [record.serialNumber, record.name]));
    expect(names.get("CSV-3")).toBe("'=cmd|' /C calc'!A0");
    expect(names.get("CSV-4")).toBe("'@SUM(1+1)");
    expect(text).not.toMatch(/(^|,)=cmd/m);
  });

  it("answers a bad filter with 400 and no session with 401, as JSON", async () => {
    const bad = await exportCsv("status=exploded");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as RestBody).code).toBe("BAD_REQUEST");
    const anonymous = await http.rest("GET", "/devices.csv", undefined, {});
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as RestBody).message).toBe("Sign in to continue");
  });

  const importFile = [
    "type,serialNumber,name,site,latitude,longitude,firmwareVersion,tags",
    'rvm,IMP-1,"Quoted, with comma",Harbour,52.1,4.3,1.2.3,north;south',
    'soundbox,IMP-2,"Name over',
    'two lines",Harbour,,,,',
    "toaster,IMP-3,Bad type,Harbour,,,,",
    "rvm,IMP-1,Repeats line 2,Harbour,,,,",
    "rvm,CSV-1,Already registered,Harbour,,,,",
    "rvm,IMP-4,'=formula restored,Harbour,,,,",
  ].join("\n");

  it("previews an import row by row: schema errors and duplicate serials, creating nothing", async () => {
    const response = await http.rest(
      "POST",
      "/devices/import/preview",
      { csv: importFile },
      {
        authorization: await stack.bearer("supervisor"),
      },
    );
    expect(response.status).toBe(200);
    const preview = (await response.json()) as Preview;
    expect(preview.rows.map((row) => row.line)).toEqual([2, 3, 5, 6, 7, 8]);
    expect(preview.validCount).toBe(3);
    expect(preview.invalidCount).toBe(3);
    expect(preview.rows[1]?.device?.name).toBe("Name over\ntwo lines");
    expect(preview.rows[0]?.device?.name).toBe("Quoted, with comma");
    expect(preview.rows[5]?.device?.name).toBe("=formula restored");
    const errors = preview.rows.flatMap((row) => row.errors);
    expect(errors).toEqual([
      { line: 5, field: "type", message: expect.any(String) },
      { line: 6, field: "serialNumber", message: "Serial number repeats line 2 of this file" },
      {
        line: 7,
        field: "serialNumber",
        message: "A device of this type with this serial number already exists",
      },
    ]);
    const created = await stack.services.db
      .select({ id: devices.id })
      .from(devices)
      .where(eq(devices.site, "Harbour"));
    expect(created).toEqual([]);
  });

  it("commits only the valid rows in one transaction, hands each credential over once, and audits each", async () => {
    const response = await http.trpcMutation(
      "devices.importCommit",
      { csv: importFile },
      {
        authorization: await stack.bearer("admin"),
      },
    );
    expect(response.status).toBe(200);
    const { result } = (await response.json()) as { result: { data: { json: Imported } } };
    const imported = result.data.json;
    expect(imported.created.map((row) => [row.line, row.serialNumber])).toEqual([
      [2, "IMP-1"],
      [3, "IMP-2"],
      [8, "IMP-4"],
    ]);
    expect(imported.skipped.map((row) => row.line)).toEqual([5, 6, 7]);

    const rows = await stack.services.db
      .select({
        id: devices.id,
        serialNumber: devices.serialNumber,
        tags: devices.tags,
        credentialHash: devices.credentialHash,
      })
      .from(devices)
      .where(eq(devices.site, "Harbour"));
    expect(rows.map((row) => row.serialNumber).sort()).toEqual(["IMP-1", "IMP-2", "IMP-4"]);
    for (const created of imported.created) {
      const row = rows.find((candidate) => candidate.id === created.id);
      expect(verifyDeviceCredential(row?.credentialHash as string, created.credential)).toBe(true);
    }
    expect(rows.find((row) => row.serialNumber === "IMP-1")?.tags).toEqual(["north", "south"]);
    const audit = await stack.services.db
      .select({ targetId: auditEvents.targetId })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "device.create"),
          inArray(
            auditEvents.targetId,
            rows.map((row) => row.id),
          ),
        ),
      );
    expect(audit).toHaveLength(3);
  });

  it("refuses an import by a role without device:create, and a file that is not CSV or lacks a needed column, with 400", async () => {
    const forbidden = await http.rest(
      "POST",
      "/devices/import/preview",
      { csv: importFile },
      {
        authorization: await stack.bearer("technician"),
      },
    );
    expect(forbidden.status).toBe(403);
    const headerless = await http.rest(
      "POST",
      "/devices/import/preview",
      { csv: "serial,name\nA-1,x" },
      {
        authorization: await stack.bearer("admin"),
      },
    );
    expect(headerless.status).toBe(400);
    expect(((await headerless.json()) as RestBody).message).toBe(
      "Missing column(s): type, serialNumber, site",
    );
    const broken = await http.rest(
      "POST",
      "/devices/import",
      { csv: 'type,serialNumber,name,site\nrvm,"unterminated' },
      {
        authorization: await stack.bearer("admin"),
      },
    );
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as RestBody).message).toMatch(/^The file is not valid CSV: /);
    const unchanged = await stack.services.db
      .select({ id: devices.id })
      .from(devices)
      .where(eq(devices.site, "Harbour"));
    expect(unchanged).toHaveLength(3);
  });
});
