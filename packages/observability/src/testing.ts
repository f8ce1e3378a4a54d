import { createServer } from "node:http";
import { gunzipSync } from "node:zlib";

export interface ReceivedEnvelope {
  /** The envelope's items' headers and payloads, parsed (events are JSON). */
  items: { header: Record<string, unknown>; payload: unknown }[];
}

/**
 * A stand-in for Sentry's ingest: an HTTP server on a free loopback port that takes envelopes
 * (`POST /api/<project>/envelope/`) and keeps them. `dsn` points an SDK at it.
 */
export async function startEnvelopeReceiver(): Promise<{
  dsn: string;
  envelopes: ReceivedEnvelope[];
  close(): Promise<void>;
}> {
  const envelopes: ReceivedEnvelope[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      let body = Buffer.concat(chunks);
      if (req.headers["content-encoding"] === "gzip") body = gunzipSync(body);
      const lines = body.toString("utf8").split("\n").filter(Boolean);
      const items: ReceivedEnvelope["items"] = [];
      // Line 1 is the envelope header; then a header and a payload per item.
      for (let i = 1; i + 1 < lines.length; i += 2) {
        const payload = lines[i + 1] as string;
        let parsed: unknown = payload;
        try {
          parsed = JSON.parse(payload);
        } catch {}
        items.push({ header: JSON.parse(lines[i] as string) as Record<string, unknown>, payload: parsed });
      }
      envelopes.push({ items });
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    dsn: `http://publickey@127.0.0.1:${port}/1`,
    envelopes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
