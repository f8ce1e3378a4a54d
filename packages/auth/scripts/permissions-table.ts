/** Rewrites the README's RBAC table from the permission matrix (`pnpm docs:permissions`). */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { withPermissionTable } from "../src/permissions-table";

const readme = path.resolve(import.meta.dirname, "../../../README.md");
const before = readFileSync(readme, "utf8");
const after = withPermissionTable(before);
if (after === before) {
  console.log("README.md permission table is up to date");
} else {
  writeFileSync(readme, after);
  console.log("README.md permission table rewritten");
}
