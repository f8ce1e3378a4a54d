import { exposition, metricsAuthorized } from "@revolv/observability/metrics";
import { getRuntime } from "~/server/services";

export const dynamic = "force-dynamic";

/**
 * Prometheus scrapes this: the process's one registry (the web app's metrics, and in the embedded
 * stack the broker's and the worker's too). With `METRICS_TOKEN` set, only `Authorization:
 * Bearer <token>` may read it.
 */
export async function GET(req: Request) {
  if (!metricsAuthorized(req.headers.get("authorization"), getRuntime().metricsToken)) {
    return new Response("metrics need Authorization: Bearer <METRICS_TOKEN>\n", {
      status: 401,
      headers: { "www-authenticate": 'Bearer realm="metrics"', "cache-control": "no-store" },
    });
  }
  const { body, contentType } = await exposition();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
