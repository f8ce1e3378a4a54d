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

  it("loads the pg and Neon drivers through the client, and PGlite only when it is opened (the probe sees them)", async () => {
    const loaded = await modulesLoadedBy("@revolv/db/client", packageDir);
    // PGlite is an optional peer that production installs do not carry (the images).
    expect(packagesAmong(loaded, databaseDrivers)).toEqual(["pg", "@neondatabase/serverless"]);
  }, 60_000);
});
