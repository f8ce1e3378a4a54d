import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startServer } from "./start-server";

describe("the embedded stack in one process", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-stack-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("serves health with both engines ok, and keeps data across a restart", async () => {
    const first = await startServer({ DATA_DIR: dataDir });
    try {
      const health = await fetch(`${first.url}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: "ok", checks: { postgres: "ok", clickhouse: "ok" } });
      const printed = /first admin created: admin@revolv\.local \/ password (\S{24}) \(shown once/.exec(
        first.output(),
      );
      expect(printed).not.toBeNull();

      const listDevices = (input: string, headers: Record<string, string> = {}) =>
        fetch(`${first.url}/api/trpc/devices.list?input=${encodeURIComponent(input)}`, { headers });
      // The API answers only a signed-in caller; the admin's generated password gets a token.
      expect((await listDevices('{"json":{}}')).status).toBe(401);
      const token = await fetch(`${first.url}/api/v1/auth/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ login: "admin", password: printed?.[1] }),
      });
      expect(token.status).toBe(200);
      const authorization = `Bearer ${((await token.json()) as { token: string }).token}`;
      expect((await listDevices('{"json":{}}', { authorization })).status).toBe(200);
      expect((await listDevices('{"json":{"pageSize":5000}}', { authorization })).status).toBe(400);

      // Served directly (no TRUST_PROXY), a forged x-forwarded-for buys no fresh budget: 20
      // failures from this one socket address, each claiming another address, exhaust it.
      const failFrom = (i: number) =>
        fetch(`${first.url}/api/v1/auth/token`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": `203.0.113.${i}` },
          body: JSON.stringify({ login: `nobody-${i}`, password: "not the password" }),
        });
      for (let i = 0; i < 20; i++) expect((await failFrom(i)).status).toBe(401);
      expect((await failFrom(20)).status).toBe(429);
    } finally {
      expect(await first.stop()).toBe(0);
    }

    // Same data dir: the admin exists already, so no new password is generated or printed.
    const second = await startServer({ DATA_DIR: dataDir });
    try {
      const health = await fetch(`${second.url}/api/health`);
      expect(health.status).toBe(200);
      expect(second.output()).not.toContain("first admin created");
      expect(second.output()).not.toMatch(/password/i);
    } finally {
      await second.stop();
    }
  }, 300_000); // Two dev server starts, each allowed 120 s to "ready" on a loaded machine (start-server.ts).
});
