import path from "node:path";
import { databaseDrivers, modulesLoadedBy, packagesAmong } from "@revolv/vitest-config/module-graph";
import { describe, expect, it } from "vitest";

const packageDir = path.resolve(import.meta.dirname, "..");

describe("@revolv/db entry points", () => {
  it("loads no database driver when only the schema is imported", async () => {
    const loaded = await modulesLoadedBy("@revolv/db/schema", packageDir);
    expect(loaded.some((url) => url.endsWith("/src/schema/devices.ts"))).toBe(true);
    expect(packagesAmong(loaded, databaseDrivers)).toEqual([]);
  }, 60_000);

  it("loads the PGlite, pg and Neon drivers through the client (the probe sees them)", async () => {
    const loaded = await modulesLoadedBy("@revolv/db/client", packageDir);
    expect(packagesAmong(loaded, databaseDrivers)).toEqual([...databaseDrivers]);
  }, 60_000);
});
