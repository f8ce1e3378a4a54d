import { existsSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** Where Node would find `name` from `fromDir`: the nearest node_modules up the tree. */
function packageDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return realpathSync(candidate);
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The packages a deployable needs at run time, by walking package.json files from its
 * directory: `dependencies`, `optionalDependencies` and required peers, never
 * `devDependencies` (what `pnpm install --prod` would install).
 * Returns package names; optional dependencies not installed on this platform are skipped.
 */
export function productionDependencyClosure(dir: string): Set<string> {
  const names = new Set<string>();
  const visited = new Set<string>();
  const visit = (packageDirectory: string) => {
    if (visited.has(packageDirectory)) return;
    visited.add(packageDirectory);
    const manifest = JSON.parse(
      readFileSync(path.join(packageDirectory, "package.json"), "utf8"),
    ) as Manifest;
    names.add(manifest.name);
    const requiredPeers = Object.keys(manifest.peerDependencies ?? {}).filter(
      (peer) => !manifest.peerDependenciesMeta?.[peer]?.optional,
    );
    const optional = new Set(Object.keys(manifest.optionalDependencies ?? {}));
    for (const name of [...Object.keys(manifest.dependencies ?? {}), ...optional, ...requiredPeers]) {
      const found = packageDir(name, packageDirectory);
      if (found) visit(found);
      else if (!optional.has(name)) throw new Error(`${manifest.name} needs ${name}, which is not installed`);
    }
  };
  visit(realpathSync(dir));
  return names;
}
