import { counter, durationBuckets, histogram } from "@revolv/observability/metrics";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";

// OpenTelemetry's RPC conventions (`rpc.server.call.duration`, `rpc.system`, `rpc.method`,
// `rpc.response.status_code`), with tRPC's error codes as the status and `OK` for success.
const duration = histogram<"rpc_system" | "rpc_method" | "rpc_response_status_code">({
  name: "rpc_server_call_duration_seconds",
  help: "tRPC procedure calls (tRPC and REST), by procedure and outcome.",
  labelNames: ["rpc_system", "rpc_method", "rpc_response_status_code"],
  buckets: durationBuckets,
});
const errors = counter<"rpc_system" | "rpc_method" | "rpc_response_status_code">({
  name: "rpc_server_errors_total",
  help: "tRPC procedure calls that ended in an error, by procedure and tRPC error code.",
  labelNames: ["rpc_system", "rpc_method", "rpc_response_status_code"],
});

/** Starts timing one call; the returned function records it with its outcome. */
export function procedureTimer(path: string): (code: TRPC_ERROR_CODE_KEY | "OK") => void {
  const started = performance.now();
  return (code) => {
    const labels = { rpc_system: "trpc", rpc_method: path, rpc_response_status_code: code };
    duration.observe(labels, (performance.now() - started) / 1_000);
    if (code !== "OK") errors.inc(labels);
  };
}
