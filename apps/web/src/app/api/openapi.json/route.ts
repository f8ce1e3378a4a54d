import { createOpenApiDocument } from "@revolv/api";

export const dynamic = "force-dynamic";

let cached: { origin: string; document: ReturnType<typeof createOpenApiDocument> } | undefined;

const first = (value: string | null) => value?.split(",")[0]?.trim() || undefined;

/**
 * The origin the caller used, as the proxy (ALB, or Next's own server) reports it: Next's
 * `req.url` carries the host it was started with, which is not the one a browser reached.
 */
function callerOrigin(req: Request): string {
  const url = new URL(req.url);
  const host = first(req.headers.get("x-forwarded-host")) ?? first(req.headers.get("host")) ?? url.host;
  const proto = first(req.headers.get("x-forwarded-proto")) ?? url.protocol.replace(/:$/, "");
  return `${proto === "https" ? "https" : "http"}://${host}`;
}

/** The OpenAPI 3.1 document of /api/v1, its server URL on the origin the caller used. */
export function GET(req: Request) {
  const origin = callerOrigin(req);
  // One entry only: the origin comes from the Host header, so a map would grow with what callers send.
  if (cached?.origin !== origin) cached = { origin, document: createOpenApiDocument(origin) };
  return Response.json(cached.document, { headers: { "cache-control": "no-cache" } });
}
