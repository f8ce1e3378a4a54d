import type { IncomingMessage, ServerResponse } from "node:http";
import { durationBuckets, histogram } from "@revolv/observability/metrics";

// OpenTelemetry's `http.server.request.duration` with its attributes as labels.
const requestDuration = histogram<"http_route" | "http_request_method" | "http_response_status_code">({
  name: "http_server_request_duration_seconds",
  help: "HTTP requests served by the web app, by route template, method and status.",
  labelNames: ["http_route", "http_request_method", "http_response_status_code"],
  buckets: durationBuckets,
});

const knownMethods = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const idSegment = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+)$/i;

/**
 * A path as a low-cardinality route: ids become `[id]`, a tRPC batch or a Next asset is one
 * route, and a path that matched nothing (404) is `unmatched`, so a scan of random URLs cannot
 * grow the series without bound.
 */
export function routeOf(pathname: string, status: number): string {
  if (status === 404) return "unmatched";
  if (pathname.startsWith("/_next/")) return "/_next";
  if (pathname.startsWith("/api/trpc/")) return "/api/trpc/[procedure]";
  if (pathname.startsWith("/api/auth/")) return "/api/auth/[...nextauth]";
  if (pathname.startsWith("/invite/")) return "/invite/[token]";
  const segments = pathname
    .split("/")
    .filter(Boolean)
    .slice(0, 6)
    .map((segment) => (idSegment.test(segment) ? "[id]" : segment));
  return `/${segments.join("/")}`;
}

/** Times one request from its arrival to the last byte of the answer. */
export function observeRequest(req: IncomingMessage, res: ServerResponse): void {
  const started = performance.now();
  res.once("finish", () => {
    const pathname = (req.url ?? "/").split("?")[0] ?? "/";
    requestDuration.observe(
      {
        http_route: routeOf(pathname, res.statusCode),
        http_request_method: knownMethods.has(req.method ?? "") ? (req.method as string) : "_OTHER",
        http_response_status_code: String(res.statusCode),
      },
      (performance.now() - started) / 1_000,
    );
  });
}
