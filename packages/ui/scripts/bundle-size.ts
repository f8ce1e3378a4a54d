/**
 * `pnpm --filter @revolv/ui size`: builds scripts/bundle-probe.tsx with Vite (production,
 * minified) and prints the gzip size of the chart chunk, of the rest of the package and of React,
 * as the web app would load them. Nothing is written outside a temp directory.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { build } from "vite";

const packageDir = path.resolve(import.meta.dirname, "..");
const outDir = mkdtempSync(path.join(tmpdir(), "revolv-ui-size-"));
try {
  await build({
    root: packageDir,
    configFile: false,
    logLevel: "warn",
    plugins: [react(), tailwindcss()],
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: {
        input: path.join(packageDir, "scripts/bundle-probe.tsx"),
        output: {
          // React ships with every page of the app anyway: count it apart from the package.
          // uPlot gets a name of its own (it is shared by both lazy charts).
          manualChunks: (id) =>
            /node_modules\/(react|react-dom|scheduler)\//.test(id)
              ? "react"
              : /node_modules\/uplot\/|src\/charts\/theme/.test(id)
                ? "uplot"
                : undefined,
        },
      },
    },
  });

  const files = readdirSync(outDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(js|css)$/.test(entry.name))
    .map((entry) => {
      const bytes = readFileSync(path.join(entry.parentPath, entry.name));
      return { name: entry.name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    });
  // The lazy chart chunks are the ones holding uPlot (JS) and its stylesheet.
  const isChart = (name: string) => /time-series-chart|bar-chart|uplot/i.test(name);
  const groups = {
    "chart chunks (uPlot + charts, lazy)": files.filter((f) => isChart(f.name)),
    "rest of @revolv/ui (JS + CSS)": files.filter((f) => !isChart(f.name) && !f.name.startsWith("react")),
    "React + react-dom": files.filter((f) => f.name.startsWith("react")),
  };
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  for (const file of files)
    console.log(`${file.name.padEnd(44)} ${kb(file.raw).padStart(10)} ${kb(file.gzip).padStart(10)} gzip`);
  console.log("");
  for (const [group, members] of Object.entries(groups)) {
    const gzip = members.reduce((sum, f) => sum + f.gzip, 0);
    const raw = members.reduce((sum, f) => sum + f.raw, 0);
    console.log(`${group.padEnd(44)} ${kb(raw).padStart(10)} ${kb(gzip).padStart(10)} gzip`);
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
