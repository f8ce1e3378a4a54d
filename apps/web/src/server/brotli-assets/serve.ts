import { createReadStream, existsSync, readdirSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { precompressedTypes } from "./precompress";

/** Whether an Accept-Encoding header admits Brotli (`br`, not `br;q=0`). */
export function acceptsBrotli(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(",").some((part) => {
    const [coding = "", ...params] = part.split(";").map((piece) => piece.trim().toLowerCase());
    if (coding !== "br") return false;
    const q = params.find((param) => param.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/**
 * Answers `/_next/static/…` requests from the `.br` files `precompressAssets` wrote, for clients
 * that accept Brotli; everything else (no `.br`, no Brotli, other paths) is left to Next, which
 * answers with gzip. Only files found under `static/` at start are ever served — the build
 * never changes while the server runs — so no request path reaches the file system.
 */
export function brotliAssetServer(distDir: string): (req: IncomingMessage, res: ServerResponse) => boolean {
  const staticDir = path.join(distDir, "static");
  const assets = new Map<string, { file: string; type: string; size: number }>();
  const entries = existsSync(staticDir)
    ? readdirSync(staticDir, { recursive: true, withFileTypes: true })
    : [];
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith(".br")) continue;
    const file = path.join(entry.parentPath, entry.name);
    const asset = file.slice(0, -".br".length);
    const type = precompressedTypes[path.extname(asset)];
    if (!type) continue;
    const urlPath = `/_next/static/${path.relative(staticDir, asset).split(path.sep).join("/")}`;
    assets.set(urlPath, { file, type, size: statSync(file).size });
  }

  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const asset = assets.get((req.url ?? "").split("?")[0] ?? "");
    if (!asset) return false;
    // A cache in between keys on the encoding, and Next's own answer for this path is gzip.
    res.setHeader("Vary", "Accept-Encoding");
    if (!acceptsBrotli(req.headers["accept-encoding"])) return false;
    res.writeHead(200, {
      "Content-Type": asset.type,
      "Content-Encoding": "br",
      "Content-Length": asset.size,
      // Content-hashed names: the same URL never carries other bytes (as Next serves them).
      "Cache-Control": "public, max-age=31536000, immutable",
    });
    if (req.method === "HEAD") {
      res.end();
      return true;
    }
    const stream = createReadStream(asset.file);
    stream.on("error", (error) => res.destroy(error));
    stream.pipe(res);
    return true;
  };
}
