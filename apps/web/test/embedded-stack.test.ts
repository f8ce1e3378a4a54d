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
      expect(first.output()).toMatch(
        /first admin created: admin@revolv\.local \/ password \S{24} \(shown once/,
      );

      const list = await fetch(
        `${first.url}/api/trpc/devices.list?input=${encodeURIComponent('{"json":{}}')}`,
      );
      expect(list.status).toBe(200);
      const tooBig = await fetch(
        `${first.url}/api/trpc/devices.list?input=${encodeURIComponent('{"json":{"pageSize":5000}}')}`,
      );
      expect(tooBig.status).toBe(400);
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
  });
});
