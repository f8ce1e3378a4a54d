import { metricsRegistry, type Registry } from "@revolv/observability/metrics";
import type { PipelineStatus } from "@revolv/validators";
import { total, valuesOf } from "./registry-values";

export const brokerElsewhere =
  "The MQTT broker runs as its own service in this deployment (AWS IoT Core in production): connected devices are on its own metrics, mqtt_broker_connected_devices in Grafana's fleet dashboard";

export const workerInstancesUnknown =
  'Workers report no instance id to this app: Prometheus counts them as count(up{job="revolv-ingest"} == 1), on Grafana\'s ingest dashboard';

/**
 * Devices connected now, from the broker's gauge in this process's registry: present where the
 * embedded broker runs here, absent when the broker is a service of its own, which the answer says
 * instead of showing a zero.
 */
export async function readConnectedDevices(
  registry: Registry = metricsRegistry,
): Promise<PipelineStatus["devices"]> {
  const connected = await valuesOf(registry, "mqtt_broker_connected_devices");
  if (!connected) return { available: false, reason: brokerElsewhere };
  return { available: true, connected: total(connected) };
}

/**
 * Worker instances seen: no worker reports an identity (not in its metrics, not in the rows it
 * stores), so this app cannot count them and says where the count is instead of inventing one.
 */
export function readWorkerInstances(): PipelineStatus["workerInstances"] {
  return { available: false, reason: workerInstancesUnknown };
}
