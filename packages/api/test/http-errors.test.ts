import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openTestDatabase } from "@revolv/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiStack, openApiStack, password } from "./api-stack";
import { createHttpCaller } from "./http-requests";

type RestBody = { code: string; message: string; issues?: { path: string; message: string }[] };
type TrpcBody = { error: { json: { message: string; data: { code: string; httpStatus: number } } } };

describe("HTTP errors: the status says what happened, the body says why", () => {
  let stack: ApiStack;
  let http: ReturnType<typeof createHttpCaller>;
  const logged: string[] = [];

  beforeAll(async () => {
    stack = await openApiStack("http-errors");
    http = createHttpCaller(stack.services, (line) => logged.push(line));
  });
  afterAll(() => stack?.close());

  async function rest(response: Response) {
    return { status: response.status, headers: response.headers, body: (await response.json()) as RestBody };
  }

  it("400: names every bad field in the message and in issues", async () => {
    const { status, body } = await rest(
      await http.rest(
        "POST",
        "/devices",
        { type: "fridge", serialNumber: "RVM-1", name: "Lobby", site: "Berlin", tags: ["Not A Tag"] },
        { authorization: await stack.bearer("admin") },
      ),
    );
    expect(status).toBe(400);
    expect(body.code).toBe("BAD_REQUEST");
    expect(body.issues?.map((issue) => issue.path)).toEqual(["type", "tags.0"]);
    expect(body.message).toContain("type: Invalid option");
    expect(body.message).toContain("tags.0: Tags are lower-case");
  });

  it("401 without a session, 403 without the permission, 404 for an unknown id", async () => {
    expect(await rest(await http.rest("GET", "/devices", undefined))).toMatchObject({
      status: 401,
      body: { code: "UNAUTHORIZED", message: "Sign in to continue" },
    });
    expect(
      await rest(
        await http.rest("GET", "/users", undefined, { authorization: await stack.bearer("viewer") }),
      ),
    ).toMatchObject({
      status: 403,
      body: { code: "FORBIDDEN", message: expect.stringContaining("user:read") },
    });
    const unknown = await rest(
      await http.rest("GET", `/devices/${crypto.randomUUID()}`, undefined, {
        authorization: await stack.bearer("viewer"),
      }),
    );
    expect(unknown).toMatchObject({
      status: 404,
      body: { code: "NOT_FOUND", message: "No device with this id" },
    });
    expect(Object.keys(unknown.body).sort()).toEqual(["code", "message"]);
  });

  it("409 for a duplicate serial number", async () => {
    const device = { type: "rvm", serialNumber: "RVM-DUP-1", name: "Lobby", site: "Berlin" };
    const authorization = await stack.bearer("supervisor");
    expect((await http.rest("POST", "/devices", device, { authorization })).status).toBe(200);
    expect(await rest(await http.rest("POST", "/devices", device, { authorization }))).toMatchObject({
      status: 409,
      body: { code: "CONFLICT", message: "A device of this type with this serial number already exists" },
    });
  });

  it("429 with Retry-After after five failed sign-ins, over REST and tRPC, same words for unknown accounts", async () => {
    const wrong = (login: string) => ({ login, password: "not the password at all" });
    for (let i = 0; i < 5; i++) {
      expect((await http.rest("POST", "/auth/token", wrong("technician"))).status).toBe(401);
      expect((await http.trpcMutation("auth.token", wrong("supervisor"))).status).toBe(401);
      expect((await http.rest("POST", "/auth/token", wrong("nobody-at-all"))).status).toBe(401);
    }
    // Even the right password is refused now, and an unknown account reads exactly the same.
    const limited = await rest(await http.rest("POST", "/auth/token", { login: "technician", password }));
    const unknown = await rest(await http.rest("POST", "/auth/token", wrong("nobody-at-all")));
    expect(limited).toMatchObject({ status: 429, body: { code: "TOO_MANY_REQUESTS" } });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(15 * 60);
    expect(unknown.status).toBe(429);
    expect(unknown.body.message.replace(/\d+/g, "N")).toBe(limited.body.message.replace(/\d+/g, "N"));

    const trpc = await http.trpcMutation("auth.token", { login: "supervisor", password });
    expect(trpc.status).toBe(429);
    expect(Number(trpc.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await trpc.json()) as TrpcBody).error.json.data.code).toBe("TOO_MANY_REQUESTS");
  });

  it("429 per client IP across accounts", async () => {
    const from = { headers: { "x-forwarded-for": "203.0.113.9" } };
    for (let i = 0; i < 20; i++) {
      const response = await http.rest(
        "POST",
        "/auth/token",
        { login: `guess-${i}`, password: "wrong!" },
        from,
      );
      expect(response.status).toBe(401);
    }
    const response = await http.rest("POST", "/auth/token", { login: "viewer", password }, from);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  describe("500: what we cause says only the request id", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-closed-"));
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    it("answers REST and tRPC with the id, logs the cause with it", async () => {
      const closed = await openTestDatabase(dataDir);
      await closed.close();
      const broken = createHttpCaller({ ...stack.services, db: closed.db }, (line) => logged.push(line));
      const authorization = await stack.bearer("admin");

      const response = await broken.rest("GET", "/devices", undefined, {
        authorization,
        headers: { "x-request-id": "req-rest-500" },
      });
      expect(response.status).toBe(500);
      expect(response.headers.get("x-request-id")).toBe("req-rest-500");
      expect(await response.json()).toEqual({
        code: "INTERNAL_SERVER_ERROR",
        message: "Internal error (request req-rest-500)",
      });

      const trpc = await broken.trpcQuery(
        "devices.list",
        {},
        { authorization, headers: { "x-request-id": "req-trpc-500" } },
      );
      expect(trpc.status).toBe(500);
      expect(((await trpc.json()) as TrpcBody).error.json.message).toBe(
        "Internal error (request req-trpc-500)",
      );

      expect(logged).toEqual([
        expect.stringContaining("(request req-rest-500)"),
        expect.stringContaining("(request req-trpc-500)"),
      ]);
    });
  });
});
