/**
 * The device fleet: one MQTT connection per device, QoS 1 at a fixed rate. Reports its counters
 * every second and, when told to stop, writes every acknowledged message (device, message id,
 * publish time) to a file the benchmark compares with what ClickHouse stored.
 */
import { writeFile } from "node:fs/promises";
import { type FleetDevice, startFleet } from "../../src/fleet/fleet";
import { onCommand, tell } from "../processes";

interface PublisherConfig {
  mqttUrl: string;
  devices: FleetDevice[];
  ratePerDevice: number;
  runId: string;
  readingsPerMessage?: number;
  ackedFile?: string;
}

const config = JSON.parse(process.env.BENCH_PUBLISHER as string) as PublisherConfig;
const acked: string[] = [];
const fleet = startFleet({
  mqttUrl: config.mqttUrl,
  devices: config.devices,
  ratePerDevice: config.ratePerDevice,
  runId: config.runId,
  ...(config.readingsPerMessage !== undefined && { readingsPerMessage: config.readingsPerMessage }),
  ...(config.ackedFile && {
    onAcked: (device, message, publishedAt) => acked.push(`${device.id} ${message.messageId} ${publishedAt}`),
  }),
});
await fleet.ready;
tell({ type: "ready", connected: fleet.stats.connected });
const reporter = setInterval(() => tell({ type: "stats", stats: fleet.stats }), 1_000);

onCommand<{ type: "stop" }>(async () => {
  clearInterval(reporter);
  await fleet.stop(30_000);
  if (config.ackedFile) await writeFile(config.ackedFile, acked.join("\n"));
  tell({ type: "stopped", stats: fleet.stats });
});
