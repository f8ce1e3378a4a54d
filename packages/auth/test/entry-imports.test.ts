import path from "node:path";
import { databaseDrivers, modulesLoadedBy, packagesAmong } from "@revolv/vitest-config/module-graph";
import { expect, it } from "vitest";

// Auth works on a `Database` it is handed; importing it must not open a driver of its own.
it("loads no database driver when @revolv/auth is imported", async () => {
  const loaded = await modulesLoadedBy("@revolv/auth", path.resolve(import.meta.dirname, ".."));
  expect(packagesAmong(loaded, databaseDrivers)).toEqual([]);
}, 60_000);
