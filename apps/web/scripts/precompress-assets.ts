/**
 * `pnpm build` step after `next build`: writes the Brotli copies of the build's scripts and
 * stylesheets that server.ts serves (src/server/brotli-assets).
 */
import path from "node:path";
import { precompressAssets } from "../src/server/brotli-assets/precompress";

const distDir = path.resolve(import.meta.dirname, "..", process.env.NEXT_DIST_DIR || ".next");
const { files, bytes, brotliBytes } = await precompressAssets(distDir);
console.log(
  `precompressed ${files} assets with Brotli: ${(bytes / 1024).toFixed(0)} kB → ${(brotliBytes / 1024).toFixed(0)} kB`,
);
