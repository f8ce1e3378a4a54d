import { metricsRegistry, type Registry, tallyCounter, tallyGauge } from "@revolv/observability/metrics";
import type { SqsBatcherMetrics } from "./bridge/sqs-batcher";
import type { TelemetryBridge } from "./bridge/telemetry-bridge";
import type { DeviceBrokerMetrics } from "./mqtt/device-broker";

export interface EdgeTallies {
  broker: DeviceBrokerMetrics;
  batcher: SqsBatcherMetrics;
  bridge: TelemetryBridge["metrics"];
}

/**
 * The device edge's Prometheus metrics, read from its tallies at scrape time (the publish path
 * keeps bumping plain numbers). Returns the function that removes the gauges' sources at stop.
 */
export function registerEdgeMetrics(
  { broker, batcher, bridge }: EdgeTallies,
  registry: Registry = metricsRegistry,
): () => void {
  const simple = (name: string, help: string, read: () => number) =>
    tallyCounter({ name, help }, registry).add(() => [[{}, read()]]);
  simple(
    "mqtt_broker_publishes_total",
    "Device telemetry publishes accepted (acknowledged after SQS took them).",
    () => broker.forwarded,
  );
  simple(
    "mqtt_broker_refused_connections_total",
    "CONNECTs refused: wrong client id, bad credential, registry unavailable.",
    () => broker.refusedConnects,
  );
  simple(
    "mqtt_broker_refused_publishes_total",
    "Publishes refused: another device's topic, or a payload over the limit.",
    () => broker.refusedPublishes,
  );
  simple(
    "mqtt_broker_forward_failures_total",
    "Publishes the queue did not take (the device resends).",
    () => broker.forwardFailures,
  );
  simple("mqtt_bridge_sqs_batches_total", "SendMessageBatch calls of the bridge.", () => batcher.batches);
  tallyCounter<"reason">(
    {
      name: "mqtt_bridge_dead_lettered_total",
      help: "Publishes SQS refused for good, sent to the dead-letter queue, by reason.",
      labelNames: ["reason"],
    },
    registry,
  ).add(() => Object.entries(bridge.deadLettered).map(([reason, n]) => [{ reason }, n]));
  const removers = [
    tallyGauge(
      { name: "mqtt_broker_connected_devices", help: "Devices connected to the broker now." },
      registry,
    ).add(() => broker.connected),
    tallyGauge(
      {
        name: "mqtt_bridge_queued_messages",
        help: "Publishes waiting for the bridge's next SendMessageBatch.",
      },
      registry,
    ).add(() => batcher.queued),
  ];
  return () => {
    for (const remove of removers) remove();
  };
}
