import { randomUUID } from "node:crypto";
import { auditEvents, devices, sessions, users } from "@revolv/db";
import type { AnyProcedure, AnyRouter } from "@trpc/server";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { appRouter } from "../src/root";
import type { ProcedureMeta } from "../src/trpc";
import { type ApiStack, openApiStack, password } from "./api-stack";
import { createHttpCaller } from "./http-requests";

const procedures = (appRouter as AnyRouter)._def.procedures as Record<string, AnyProcedure>;
const mutations = Object.entries(procedures).filter(([, procedure]) => procedure._def.type === "mutation");

/** The object schema under defaults and optionals, or undefined for `z.void()` and the like. */
function inputObject(procedure: AnyProcedure): z.ZodObject | undefined {
  let schema = (procedure._def.inputs as unknown[])[0];
  for (let depth = 0; depth < 5; depth++) {
    if (schema instanceof z.ZodObject) return schema;
    if (
      schema instanceof z.ZodDefault ||
      schema instanceof z.ZodOptional ||
      schema instanceof z.ZodNullable
    ) {
      schema = schema.unwrap();
    } else if (schema instanceof z.ZodPipe) {
      schema = schema.in;
    } else {
      return undefined;
    }
  }
  return undefined;
}

const isIdField = (field: string) => field === "id" || field.endsWith("Id");

/** Inputs that pass validation, so that swapping in an unknown id must reach the lookup and 404. */
const validExamples: Record<string, Record<string, unknown>> = {
  "auth.register": { username: "newcomer", email: "newcomer@example.com", password },
  "auth.token": { login: "admin", password },
  "auth.acceptInvitation": { token: `rvi_${"A".repeat(43)}`, username: "invitee", password },
  "devices.create": { type: "rvm", serialNumber: "RVM-0001", name: "Lobby", site: "Berlin" },
  "devices.update": { name: "Renamed" },
  "devices.decommission": {},
  "devices.rotateCredential": {},
  "users.create": { username: "tech2", email: "tech2@example.com", password, role: "technician" },
  "users.updateRole": { role: "technician" },
  "users.disable": {},
  "users.enable": {},
  "users.invite": { email: "invitee@example.com", role: "technician" },
  "users.revokeInvitation": {},
  "sessions.revoke": {},
  "sessions.revokeAny": {},
};

interface BadInput {
  name: string;
  body?: unknown;
  /** Sent as is instead of JSON. */
  raw?: string;
  contentType?: string;
}

function badInputsFor(fields: string[]): BadInput[] {
  const everyField = (value: unknown) => Object.fromEntries(fields.map((field) => [field, value]));
  return [
    { name: "malformed JSON", raw: '{"id": "' },
    { name: "a form body where JSON is expected", raw: "id=1&role=admin", contentType: "text/plain" },
    { name: "a JSON array", body: [] },
    { name: "a JSON string", body: "devices" },
    { name: "a JSON number", body: 42 },
    { name: "JSON null", body: null },
    { name: "objects in every field", body: everyField({ $gt: "" }) },
    { name: "numbers in every field", body: everyField(12345) },
    { name: "oversized strings in every field", body: everyField("x".repeat(20_000)) },
    { name: "SQL-ish strings in every field", body: everyField("'; DROP TABLE users; --") },
    { name: "a SQL-ish tautology in every field", body: everyField("' OR '1'='1") },
  ];
}

/** `/devices/{id}/credential` with the body's value for each path parameter (or a broken one). */
function restPath(template: string, body: unknown): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = body && typeof body === "object" ? (body as Record<string, unknown>)[name] : undefined;
    const text =
      typeof value === "string" ? value : value === undefined ? "not-a-uuid" : JSON.stringify(value);
    return encodeURIComponent(text);
  });
}

describe("bad input to every mutation answers 4xx with a message, never 500", () => {
  let stack: ApiStack;
  let http: ReturnType<typeof createHttpCaller>;
  const internalErrors: string[] = [];

  beforeAll(async () => {
    stack = await openApiStack("bad-input");
    // Open, so that auth.register's input is judged rather than refused by the setting.
    http = createHttpCaller(stack.services, (line) => internalErrors.push(line), { registration: "open" });
  });
  afterAll(() => stack?.close());

  /** A public procedure may answer 401 (wrong credentials); elsewhere 401/403 would mean the harness broke. */
  function expectRefusal(label: string, status: number, message: unknown, access: ProcedureMeta["access"]) {
    expect(status, label).toBeGreaterThanOrEqual(400);
    expect(status, label).toBeLessThan(500);
    if (access !== "public") expect([401, 403], label).not.toContain(status);
    expect(message, label).toEqual(expect.stringMatching(/\S/));
  }

  async function expectRestRefusal(label: string, response: Response, access: ProcedureMeta["access"]) {
    const body = (await response.json()) as Record<string, unknown>;
    expectRefusal(label, response.status, body.message, access);
    // Exactly the documented error body, nothing of tRPC's envelope.
    expect(
      Object.keys(body).filter((key) => !["code", "message", "issues"].includes(key)),
      label,
    ).toEqual([]);
    expect(body.code, label).toEqual(expect.any(String));
  }

  async function expectTrpcRefusal(label: string, response: Response, access: ProcedureMeta["access"]) {
    const body = (await response.json()) as {
      error?: { json?: { message?: unknown; data?: { httpStatus?: number } } };
    };
    expectRefusal(label, response.status, body.error?.json?.message, access);
    expect(body.error?.json?.data?.httpStatus, label).toBe(response.status);
  }

  it("enumerates the mutations from the router", () => {
    expect(mutations.map(([path]) => path)).toEqual(
      expect.arrayContaining([
        "auth.register",
        "auth.acceptInvitation",
        "devices.create",
        "users.updateRole",
        "users.invite",
        "users.revokeInvitation",
        "sessions.revokeAny",
      ]),
    );
  });

  describe.each(mutations)("%s", (path, procedure) => {
    const meta = procedure._def.meta as ProcedureMeta | undefined;
    const schema = inputObject(procedure);
    const fields = schema ? Object.keys(schema.shape) : [];
    const idFields = fields.filter(isIdField);

    it("refuses malformed bodies, wrong types, oversized and SQL-ish strings over tRPC and REST", async () => {
      for (const bad of badInputsFor(fields)) {
        const options = {
          authorization: await stack.bearer("admin"),
          ...(bad.raw !== undefined && { rawBody: bad.raw }),
          ...(bad.contentType && { contentType: bad.contentType }),
        };
        await expectTrpcRefusal(
          `tRPC ${path}, ${bad.name}`,
          await http.trpcMutation(path, bad.body, options),
          meta?.access,
        );

        const openapi = meta?.openapi;
        if (!openapi) continue;
        // An operation without input has no request body to get wrong; only a broken one is refused.
        if (!schema && bad.raw === undefined) continue;
        const response = await http.rest(openapi.method, restPath(openapi.path, bad.body), bad.body, {
          ...options,
          authorization: await stack.bearer("admin"),
        });
        await expectRestRefusal(
          `REST ${openapi.method} ${openapi.path}, ${bad.name}`,
          response,
          meta?.access,
        );
      }
    });

    if (idFields.length === 0) return;
    it("answers unknown ids with 404 and a message", async () => {
      const example = validExamples[path];
      const body = { ...example, ...Object.fromEntries(idFields.map((field) => [field, randomUUID()])) };
      const expectStatus = async (label: string, response: Response, message: (body: unknown) => unknown) => {
        const json = await response.json();
        // Without a known-valid example another field may be refused first; still a 4xx.
        if (example) expect(response.status, label).toBe(404);
        expectRefusal(label, response.status, message(json), meta?.access);
      };
      await expectStatus(
        `tRPC ${path}`,
        await http.trpcMutation(path, body, { authorization: await stack.bearer("admin") }),
        (json) => (json as { error: { json: { message: string } } }).error.json.message,
      );
      const openapi = meta?.openapi;
      if (openapi) {
        await expectStatus(
          `REST ${openapi.path}`,
          await http.rest(openapi.method, restPath(openapi.path, body), body, {
            authorization: await stack.bearer("admin"),
          }),
          (json) => (json as { message: string }).message,
        );
      }
    });
  });

  it("stores SQL-ish text verbatim where free text is allowed, and every table is still there", async () => {
    const name = "Robert'); DROP TABLE devices; --";
    const response = await http.rest(
      "POST",
      "/devices",
      { type: "soundbox", serialNumber: "SB-SQL-1", name, site: "' OR '1'='1" },
      { authorization: await stack.bearer("admin") },
    );
    expect(response.status).toBe(200);
    const { device } = (await response.json()) as { device: { id: string } };
    const [stored] = await stack.services.db.select().from(devices).where(eq(devices.id, device.id));
    expect(stored).toMatchObject({ name, site: "' OR '1'='1" });
    for (const table of [users, devices, sessions, auditEvents]) {
      const [row] = await stack.services.db.select({ total: count() }).from(table);
      expect(row?.total).toBeGreaterThan(0);
    }
  });

  it("keeps body numbers strict after REST has coerced a query string", async () => {
    const authorization = await stack.bearer("admin");
    // REST parses `?page=2` as a number; that must not make `""` or `[]` numbers in a JSON body.
    expect((await http.rest("GET", "/devices?page=2&pageSize=5", undefined, { authorization })).status).toBe(
      200,
    );
    const device = {
      type: "rvm",
      serialNumber: "RVM-COERCE-1",
      name: "Coerced",
      site: "Berlin",
      location: { latitude: "", longitude: [] },
    };
    const rest = await http.rest("POST", "/devices", device, { authorization });
    expect(rest.status).toBe(400);
    expect(await rest.json()).toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ path: "location.latitude" })]),
    });
    expect((await http.trpcMutation("devices.create", device, { authorization })).status).toBe(400);
  });

  it("ignores a role smuggled into auth.register: the account is a viewer", async () => {
    const response = await http.rest("POST", "/auth/register", {
      username: "sneaky",
      email: "sneaky@example.com",
      password,
      role: "admin",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ username: "sneaky", role: "viewer" });
  });

  it("logged no internal error for any of it", () => {
    expect(internalErrors).toEqual([]);
  });
});
