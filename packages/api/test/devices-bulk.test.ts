import { auditEvents, devices } from "@revolv/db";
import { maxBulkDevices } from "@revolv/validators";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiStack, openApiStack } from "./api-stack";
import { apiEngines } from "./engines";
import { createHttpCaller } from "./http-requests";

type RestBody = { code: string; message: string };
type BulkResult = { changed: string[]; unchanged: string[] };

describe.each(apiEngines)("bulk device actions on %s", (engine) => {
  let stack: ApiStack;
  let http: ReturnType<typeof createHttpCaller>;

  beforeAll(async () => {
    stack = await openApiStack(`devices-bulk-${engine}`, engine);
    http = createHttpCaller(stack.services, () => {});
  });
  afterAll(() => stack?.close());

  let serial = 0;
  async function createDevices(count: number, tags: string[] = []) {
    const rows = await stack.services.db
      .insert(devices)
      .values(
        Array.from({ length: count }, () => ({
          type: "rvm" as const,
          serialNumber: `BULK-${engine}-${++serial}`,
          name: `Bulk ${serial}`,
          site: "Depot",
          tags,
          credentialHash: "x",
        })),
      )
      .returning({ id: devices.id });
    return rows.map((row) => row.id);
  }

  const auditRows = (action: string, ids: string[]) =>
    stack.services.db
      .select({ targetId: auditEvents.targetId, before: auditEvents.before, after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), inArray(auditEvents.targetId, ids)));

  it("adds a tag to every selected device, once, with one audit row per changed device", async () => {
    const fresh = await createDevices(2);
    const [tagged] = await createDevices(1, ["north"]);
    const ids = [...fresh, tagged as string];
    const response = await http.rest(
      "POST",
      "/devices/bulk/tags/add",
      { ids, tag: "north" },
      {
        authorization: await stack.bearer("technician"),
      },
    );
    expect(response.status).toBe(200);
    const result = (await response.json()) as BulkResult;
    expect(result.changed.sort()).toEqual([...fresh].sort());
    expect(result.unchanged).toEqual([tagged]);

    const rows = await stack.services.db
      .select({ tags: devices.tags })
      .from(devices)
      .where(inArray(devices.id, ids));
    expect(rows.map((row) => row.tags)).toEqual([["north"], ["north"], ["north"]]);
    const audit = await auditRows("device.update", ids);
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ before: { tags: [] }, after: { tags: ["north"] } });
  });

  it("removes a tag over tRPC, leaving other tags alone", async () => {
    const ids = await createDevices(3, ["south", "keep"]);
    const response = await http.trpcMutation(
      "devices.bulkRemoveTag",
      { ids, tag: "south" },
      { authorization: await stack.bearer("supervisor") },
    );
    expect(response.status).toBe(200);
    const rows = await stack.services.db
      .select({ tags: devices.tags })
      .from(devices)
      .where(inArray(devices.id, ids));
    expect(rows.map((row) => row.tags)).toEqual([["keep"], ["keep"], ["keep"]]);
    expect(await auditRows("device.update", ids)).toHaveLength(3);
  });

  it("decommissions every selected device in one call, each with its own dead credential and audit row", async () => {
    const ids = await createDevices(3);
    const response = await http.rest(
      "POST",
      "/devices/bulk/decommission",
      { ids },
      {
        authorization: await stack.bearer("admin"),
      },
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as BulkResult).changed.sort()).toEqual([...ids].sort());
    const rows = await stack.services.db
      .select({ status: devices.status, credentialHash: devices.credentialHash })
      .from(devices)
      .where(inArray(devices.id, ids));
    expect(rows.every((row) => row.status === "decommissioned")).toBe(true);
    expect(new Set(rows.map((row) => row.credentialHash)).size).toBe(3);
    expect(await auditRows("device.decommission", ids)).toHaveLength(3);

    // Again: nothing left to do, nothing audited twice.
    const again = await http.rest(
      "POST",
      "/devices/bulk/decommission",
      { ids },
      {
        authorization: await stack.bearer("admin"),
      },
    );
    expect(((await again.json()) as BulkResult).unchanged.sort()).toEqual([...ids].sort());
    expect(await auditRows("device.decommission", ids)).toHaveLength(3);
  });

  it("refuses a role without the permission with 403 and changes nothing", async () => {
    const ids = await createDevices(2);
    const decommission = await http.rest(
      "POST",
      "/devices/bulk/decommission",
      { ids },
      {
        authorization: await stack.bearer("technician"),
      },
    );
    expect(decommission.status).toBe(403);
    expect(((await decommission.json()) as RestBody).message).toBe(
      "Your role may not do this (needs device:delete)",
    );
    const tag = await http.rest(
      "POST",
      "/devices/bulk/tags/add",
      { ids, tag: "x" },
      {
        authorization: await stack.bearer("viewer"),
      },
    );
    expect(tag.status).toBe(403);
    const rows = await stack.services.db
      .select({ status: devices.status, tags: devices.tags })
      .from(devices)
      .where(inArray(devices.id, ids));
    expect(rows).toEqual([
      { status: "provisioned", tags: [] },
      { status: "provisioned", tags: [] },
    ]);
  });

  it(`refuses more than ${maxBulkDevices} ids with a clear 400`, async () => {
    const ids = Array.from({ length: maxBulkDevices + 1 }, () => crypto.randomUUID());
    const response = await http.rest(
      "POST",
      "/devices/bulk/tags/add",
      { ids, tag: "x" },
      {
        authorization: await stack.bearer("admin"),
      },
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as RestBody).message).toContain(
      `At most ${maxBulkDevices} devices per bulk action`,
    );
  });

  it("applies to all or none: an unknown id answers 404 and no selected device changes", async () => {
    const ids = await createDevices(2);
    const unknown = crypto.randomUUID();
    const response = await http.rest(
      "POST",
      "/devices/bulk/tags/add",
      { ids: [...ids, unknown], tag: "y" },
      {
        authorization: await stack.bearer("admin"),
      },
    );
    expect(response.status).toBe(404);
    expect(((await response.json()) as RestBody).message).toBe(`No device with id ${unknown}`);
    const rows = await stack.services.db
      .select({ tags: devices.tags })
      .from(devices)
      .where(inArray(devices.id, ids));
    expect(rows.map((row) => row.tags)).toEqual([[], []]);
    expect(await auditRows("device.update", ids)).toEqual([]);
  });
});
