import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { listWorkspace, sourceFiles, type WorkspacePackage } from "./workspace";

export interface Violation {
  /** The package that points the wrong way. */
  from: string;
  /** The app it points at. */
  to: string;
  /** Where: a file and the specifier it imports, or its package.json. */
  where: string;
}

/** Every module specifier a file names: static and dynamic imports, re-exports, require(). */
export function importedSpecifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((file) => file.fileName);
}

const packageNameOf = (specifier: string) =>
  specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : (specifier.split("/")[0] ?? "");

/**
 * Arrows point one way: an app may import packages, never another app; a package or a tooling
 * package never imports an app. Checked on package.json dependencies and on the imports in every
 * source file, by package name and by relative path into another app's folder.
 */
export function findImportViolations(root: string): Violation[] {
  const workspace = listWorkspace(root);
  const apps = workspace.filter((p) => p.kind === "app");
  const appByName = new Map(apps.map((app) => [app.name, app]));
  const appContaining = (file: string): WorkspacePackage | undefined =>
    apps.find((app) => file === app.dir || file.startsWith(app.dir + path.sep));
  const relative = (file: string) => path.relative(root, file);

  const violations: Violation[] = [];
  for (const pkg of workspace) {
    for (const dependency of pkg.declared) {
      const app = appByName.get(dependency);
      if (app && app !== pkg)
        violations.push({ from: pkg.name, to: app.name, where: `${relative(pkg.dir)}/package.json` });
    }
    for (const file of sourceFiles(pkg.dir)) {
      for (const specifier of importedSpecifiers(readFileSync(file, "utf8"))) {
        const target = specifier.startsWith(".")
          ? appContaining(path.resolve(path.dirname(file), specifier))
          : appByName.get(packageNameOf(specifier));
        if (target && target !== pkg) {
          violations.push({
            from: pkg.name,
            to: target.name,
            where: `${relative(file)} imports "${specifier}"`,
          });
        }
      }
    }
  }
  return violations;
}
