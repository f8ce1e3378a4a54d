import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "./start-server";

type OpenApiDocument = {
  servers: { url: string }[];
  paths: Record<string, Record<string, { security?: unknown[] }>>;
};

describe("REST: the served OpenAPI document, its docs page and the API behind it", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-openapi-"));
  let server: RunningServer;
  let document: OpenApiDocument;
  let source: string;

  beforeAll(async () => {
    server = await startServer({ DATA_DIR: dataDir });
    const response = await fetch(`${server.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    source = await response.text();
    document = JSON.parse(source) as OpenApiDocument;
  }, 240_000); // a dev server start (up to 120 s to "ready" on a loaded machine) and a first compile
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("passes Redocly's recommended lint without errors", async () => {
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({
      source,
      absoluteRef: `${server.url}/api/openapi.json`,
      config,
    });
    const format = (p: (typeof problems)[number]) =>
      `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer ?? "?"}: ${p.message}`;
    expect(problems.filter((p) => p.severity === "error").map(format)).toEqual([]);
  });

  it("points at the origin it was fetched from and documents the procedures", () => {
    expect(document.servers).toEqual([{ url: `${server.url}/api/v1` }]);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(["/auth/token", "/devices", "/devices/{id}/credential", "/users/{id}/role"]),
    );
    expect(document.paths["/auth/token"]?.post?.security).toEqual([]);
    expect(document.paths["/devices"]?.post?.security).toEqual([{ Authorization: [] }]);
  });

  it("serves Swagger UI from the package, nothing from a CDN", async () => {
    const page = await fetch(`${server.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const html = await page.text();
    expect(html).not.toMatch(/(src|href)="https?:/);
    const assets = [...html.matchAll(/(?:src|href)="(\/api\/docs\/[^"]+)"/g)].map(
      (match) => match[1] as string,
    );
    expect(assets).toEqual(
      expect.arrayContaining(["/api/docs/swagger-ui-bundle.js", "/api/docs/swagger-ui.css"]),
    );
    for (const asset of assets) {
      const response = await fetch(`${server.url}${asset}`);
      expect(response.status, asset).toBe(200);
      expect((await response.arrayBuffer()).byteLength, asset).toBeGreaterThan(0);
    }
    expect(await (await fetch(`${server.url}/api/docs/docs-init.js`)).text()).toContain("/api/openapi.json");
    expect((await fetch(`${server.url}/api/docs/package.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/docs/..%2F..%2Fpackage.json`)).status).toBe(404);
  });

  it("answers REST through the app: token, a call, and errors as { code, message, issues? }", async () => {
    const printed = /first admin created: \S+ \/ password (\S+)/.exec(server.output());
    const tokenResponse = await fetch(`${server.url}/api/v1/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: "admin", password: printed?.[1] }),
    });
    expect(tokenResponse.status).toBe(200);
    const { token } = (await tokenResponse.json()) as { token: string };
    const authorization = `Bearer ${token}`;

    const created = await fetch(`${server.url}/api/v1/devices`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization },
      body: JSON.stringify({ type: "soundbox", serialNumber: "SB-REST-1", name: "Till 1", site: "Munich" }),
    });
    expect(created.status).toBe(200);
    const { device } = (await created.json()) as { device: { id: string } };

    const listed = await fetch(`${server.url}/api/v1/devices?type=soundbox&site=Munich&pageSize=5`, {
      headers: { authorization },
    });
    expect(await listed.json()).toMatchObject({ total: 1, pageSize: 5, items: [{ id: device.id }] });

    const invalid = await fetch(`${server.url}/api/v1/devices/${device.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", authorization },
      body: JSON.stringify({ firmwareVersion: "latest" }),
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({
      code: "BAD_REQUEST",
      message: "firmwareVersion: Firmware version must look like 1.2.3",
      issues: [{ path: "firmwareVersion", message: "Firmware version must look like 1.2.3" }],
    });

    const anonymous = await fetch(`${server.url}/api/v1/devices/${device.id}`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ code: "UNAUTHORIZED", message: "Sign in to continue" });

    const unknown = await fetch(`${server.url}/api/v1/no-such-thing`, { headers: { authorization } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ code: "NOT_FOUND", message: "Not found" });
  });
});
