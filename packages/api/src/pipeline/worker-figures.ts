import { metricsRegistry, type Registry } from "@revolv/observability/metrics";
import type { PipelineStatus } from "@revolv/validators";
import { total, valuesOf } from "./registry-values";

export const workerElsewhere =
  "The ingest worker runs as its own service in this deployment: its figures are on its metrics port (INGEST_METRICS_PORT), scraped by Prometheus into Grafana's ingest dashboard";

/**
 * The ingest worker's counters as it reports them to Prometheus, read from this process's
 * registry: present when the worker runs in this process (the embedded stack), absent when it is
 * a service of its own, which the answer says instead of showing zeros.
 */
export async function readWorkerFigures(
  registry: Registry = metricsRegistry,
): Promise<PipelineStatus["worker"]> {
  const flushes = await valuesOf(registry, "ingest_flushes_total");
  if (!flushes) return { available: false, reason: workerElsewhere };
  const [stored, insertFailures, deadLetterFailures, receiveFailures, rejected, lag] = await Promise.all([
    valuesOf(registry, "ingest_messages_stored_total"),
    valuesOf(registry, "ingest_insert_failures_total"),
    valuesOf(registry, "ingest_dead_letter_errors_total"),
    valuesOf(registry, "ingest_sqs_receive_errors_total"),
    valuesOf(registry, "ingest_messages_rejected_total"),
    valuesOf(registry, "ingest_publish_to_stored_lag_seconds"),
  ]);
  const lagSum = total(lag?.filter((v) => v.metricName?.endsWith("_sum")));
  const lagCount = total(lag?.filter((v) => v.metricName?.endsWith("_count")));
  return {
    available: true,
    flushes: total(flushes),
    messagesStored: total(stored),
    insertFailures: total(insertFailures),
    deadLetterFailures: total(deadLetterFailures),
    receiveFailures: total(receiveFailures),
    rejected: (rejected ?? [])
      .filter((v) => v.value > 0)
      .map((v) => ({ reason: String(v.labels.reason ?? "unknown"), count: v.value })),
    meanLagSeconds: lagCount > 0 ? lagSum / lagCount : null,
  };
}
