import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderPermissionTable, withPermissionTable } from "./permissions-table";

describe("the README's RBAC table", () => {
  it("is generated from the permission matrix and up to date (run `pnpm docs:permissions`)", () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, "../../../README.md"), "utf8");
    expect(withPermissionTable(readme)).toBe(readme);
  });

  it("marks exactly the permissions each role holds", () => {
    const table = renderPermissionTable();
    expect(table).toContain(
      "| `user:manage` | Create and invite users, assign roles, disable and enable accounts | ✓ |  |  |  |",
    );
    expect(table).toContain("| `device:read` | List and view devices | ✓ | ✓ | ✓ | ✓ |");
    expect(table).toContain(
      "| `system:read` | See the ingest pipeline's health and the dead-letter queue | ✓ | ✓ |  |  |",
    );
    expect(table).toContain("| `system:manage` | Redrive and purge dead-lettered messages | ✓ |  |  |  |");
  });
});
