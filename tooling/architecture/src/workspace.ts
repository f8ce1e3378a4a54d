import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export type WorkspaceKind = "app" | "package" | "tooling";

export interface WorkspacePackage {
  name: string;
  kind: WorkspaceKind;
  /** Absolute directory. */
  dir: string;
  /** Every dependency it declares, dev and peer included. */
  declared: string[];
}

const kindOfFolder: Record<string, WorkspaceKind> = { apps: "app", packages: "package", tooling: "tooling" };

interface PackageJson {
  name?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** The workspace's packages, as pnpm-workspace.yaml lists them: apps/*, packages/*, tooling/*. */
export function listWorkspace(root: string): WorkspacePackage[] {
  const found: WorkspacePackage[] = [];
  for (const [folder, kind] of Object.entries(kindOfFolder)) {
    const parent = path.join(root, folder);
    let entries: string[];
    try {
      entries = readdirSync(parent);
    } catch {
      continue;
    }
    for (const entry of entries.sort()) {
      const dir = path.join(parent, entry);
      let manifest: PackageJson;
      try {
        manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as PackageJson;
      } catch {
        continue;
      }
      if (!manifest.name) continue;
      const declared = [
        manifest.dependencies,
        manifest.devDependencies,
        manifest.peerDependencies,
        manifest.optionalDependencies,
      ].flatMap((deps) => Object.keys(deps ?? {}));
      found.push({ name: manifest.name, kind, dir, declared: [...new Set(declared)] });
    }
  }
  return found;
}

const sourceExtensions = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const skippedFolders = new Set(["node_modules", "dist", "coverage", ".turbo", ".test-results"]);

/** Source files of a package, build output and dependencies left out. */
export function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current)) {
      if (skippedFolders.has(entry) || entry.startsWith(".next")) continue;
      const full = path.join(current, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (sourceExtensions.test(entry)) files.push(full);
    }
  };
  walk(dir);
  return files;
}
