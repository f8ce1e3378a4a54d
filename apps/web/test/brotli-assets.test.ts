import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { precompressAssets } from "../src/server/brotli-assets/precompress";
import { acceptsBrotli, brotliAssetServer } from "../src/server/brotli-assets/serve";

const script = `export const rows = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ id: i, name: `Unit ${i}` })))};`;
const stylesheet = `.a{color:red}\n`.repeat(200);

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

describe("Brotli copies of the build's scripts and stylesheets", () => {
  let dist: string;
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    dist = mkdtempSync(path.join(tmpdir(), "revolv-brotli-"));
    mkdirSync(path.join(dist, "static/chunks"), { recursive: true });
    mkdirSync(path.join(dist, "static/media"), { recursive: true });
    writeFileSync(path.join(dist, "static/chunks/app.js"), script);
    writeFileSync(path.join(dist, "static/chunks/app.css"), stylesheet);
    writeFileSync(path.join(dist, "static/media/font.woff2"), "wOF2 already compressed");
    writeFileSync(path.join(dist, "server-secret.js"), "module.exports = 'not an asset'");
    await precompressAssets(dist);
    const serve = brotliAssetServer(dist);
    // Whatever the Brotli server leaves is what Next would answer (with gzip).
    server = createServer((req, res) => {
      if (serve(req, res)) return;
      res.writeHead(200, { "x-answered-by": "next" }).end("from next");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    rmSync(dist, { recursive: true, force: true });
  });

  /** A raw HTTP exchange over a socket: fetch would decode the body and hide what was sent. */
  const ask = (urlPath: string, headers: Record<string, string>, method = "GET") =>
    new Promise<Answer>((resolve, reject) => {
      const req = request(`${origin}${urlPath}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.on("error", reject);
      req.end();
    });

  it("writes a .br beside each script and stylesheet, and not beside fonts or outside static/", () => {
    const copy = (file: string) =>
      brotliDecompressSync(readFileSync(path.join(dist, `${file}.br`))).toString();
    expect(copy("static/chunks/app.js")).toBe(script);
    expect(copy("static/chunks/app.css")).toBe(stylesheet);
    expect(readFileSync(path.join(dist, "static/chunks/app.js.br")).length).toBeLessThan(script.length / 4);
    expect(() => readFileSync(path.join(dist, "static/media/font.woff2.br"))).toThrow();
    expect(() => readFileSync(path.join(dist, "server-secret.js.br"))).toThrow();
  });

  it("answers a browser that accepts Brotli with the precompressed script, cacheable for good", async () => {
    const answer = await ask("/_next/static/chunks/app.js", { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("br");
    expect(answer.headers["content-type"]).toBe("application/javascript; charset=UTF-8");
    expect(answer.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(answer.headers.vary).toBe("Accept-Encoding");
    expect(Number(answer.headers["content-length"])).toBe(answer.body.length);
    expect(brotliDecompressSync(answer.body).toString()).toBe(script);

    const css = await ask("/_next/static/chunks/app.css?dpl=1", { "accept-encoding": "br" });
    expect(css.headers["content-type"]).toBe("text/css; charset=UTF-8");
    expect(brotliDecompressSync(css.body).toString()).toBe(stylesheet);
  });

  it("answers HEAD with the headers alone", async () => {
    const answer = await ask("/_next/static/chunks/app.js", { "accept-encoding": "br" }, "HEAD");
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("br");
    expect(answer.body.length).toBe(0);
  });

  it("leaves to Next a client without Brotli, other methods, other files and any path outside the build", async () => {
    const left = [
      await ask("/_next/static/chunks/app.js", { "accept-encoding": "gzip, deflate" }),
      await ask("/_next/static/chunks/app.js", { "accept-encoding": "gzip, br;q=0" }),
      await ask("/_next/static/chunks/app.js", {}),
      await ask("/_next/static/chunks/app.js", { "accept-encoding": "br" }, "POST"),
      await ask("/_next/static/media/font.woff2", { "accept-encoding": "br" }),
      await ask("/_next/static/chunks/missing.js", { "accept-encoding": "br" }),
      await ask("/_next/static/../server-secret.js", { "accept-encoding": "br" }),
      await ask("/_next/static/chunks/%2e%2e/%2e%2e/server-secret.js", { "accept-encoding": "br" }),
      await ask("/server-secret.js", { "accept-encoding": "br" }),
    ];
    for (const answer of left) {
      expect(answer.headers["x-answered-by"]).toBe("next");
      expect(answer.headers["content-encoding"]).toBeUndefined();
    }
    // Next's gzip answer for an asset that has a Brotli copy must not be cached for Brotli clients.
    expect(left[0]?.headers.vary).toBe("Accept-Encoding");
  });

  it("reads Accept-Encoding: br with any q above 0, in any case and order; a wildcard is left to Next", () => {
    expect(acceptsBrotli("gzip, deflate, br")).toBe(true);
    expect(acceptsBrotli("BR;q=0.5")).toBe(true);
    expect(acceptsBrotli(" br ; q=1 , gzip")).toBe(true);
    expect(acceptsBrotli("br;q=0")).toBe(false);
    expect(acceptsBrotli("br;q=0.000")).toBe(false);
    expect(acceptsBrotli("gzip, brotli")).toBe(false);
    expect(acceptsBrotli("*")).toBe(false);
    expect(acceptsBrotli(undefined)).toBe(false);
  });
});
