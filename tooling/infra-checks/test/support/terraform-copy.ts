import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "../../../..");
export const terraformRoot = path.join(repoRoot, "infra/terraform");

export interface Edit {
  /** Path inside infra/terraform. */
  file: string;
  /** Text that must be there (so a fixture never silently stops breaking anything). */
  from: string;
  to: string;
}

/** A scratch copy of infra/terraform with the given edits: the real tree with one defect. */
export function brokenCopy(...edits: Edit[]): { root: string; remove: () => void } {
  const scratch = mkdtempSync(path.join(tmpdir(), "revolv-tf-fixture-"));
  const root = path.join(scratch, "terraform");
  cpSync(terraformRoot, root, { recursive: true, filter: (source) => !source.includes(".terraform") });
  for (const edit of edits) {
    const file = path.join(root, edit.file);
    const text = readFileSync(file, "utf8");
    if (!text.includes(edit.from))
      throw new Error(`fixture is stale: ${edit.file} no longer contains ${edit.from}`);
    writeFileSync(file, text.replace(edit.from, edit.to));
  }
  return { root, remove: () => rmSync(scratch, { recursive: true, force: true }) };
}
