import { createDeviceModel, type DeviceScenario } from "@revolv/device-model";
import { type DeviceType, type TelemetryMessage, telemetryTopic } from "@revolv/validators";
import mqtt, { type MqttClient } from "mqtt";

export interface FleetDevice {
  id: string;
  type: DeviceType;
  /** The MQTT password `devices.create` or `devices.rotateCredential` returned. */
  credential: string;
}

export interface FleetOptions {
  /** e.g. `mqtt://localhost:1883`. */
  mqttUrl: string;
  devices: FleetDevice[];
  /** Messages per second per device. */
  ratePerDevice: number;
  /** Makes message ids unique per run and the drift reproducible. */
  runId: string;
  /** Keep only the first N readings of each message (benchmarks pin the message size). */
  readingsPerMessage?: number;
  /** Scripted trouble for every device (`jam`, `fill`, `silence`; see @revolv/device-model). */
  scenario?: DeviceScenario | undefined;
  /** Concurrent connection attempts while the fleet comes up. */
  connectConcurrency?: number;
  /** Called when the broker acknowledged a message (PUBACK). */
  onAcked?: (device: FleetDevice, message: TelemetryMessage, publishedAt: number) => void;
}

export interface FleetStats {
  connected: number;
  published: number;
  acked: number;
  failed: number;
  /** Messages that fell due while their device was offline; a device would buffer, we skip. */
  missed: number;
  /** Messages carrying a fault: a jam, an open door or a fault code. */
  faults: number;
  /** Devices that stopped publishing (the `silence` scenario); they stay connected. */
  silent: number;
}

export interface Fleet {
  stats: FleetStats;
  /** Resolves once every device had its first connection attempt. */
  ready: Promise<void>;
  /** Stops publishing, waits up to `drainMs` for outstanding acks, then disconnects. */
  stop(drainMs?: number): Promise<void>;
}

const tickMs = 20;

const hasFault = (message: TelemetryMessage) =>
  message.readings.some(
    (r) => (r.metric === "fault_code" || r.metric === "jam" || r.metric === "door_open") && r.value !== 0,
  );

/**
 * A fleet of simulated devices, each its own MQTT connection with its own credential,
 * publishing QoS 1 telemetry at a steady rate. One timer drives every device (cheaper than a
 * timer each at thousands of devices); each device catches up on what fell due since its last
 * turn, so the fleet's rate holds even when a tick runs late.
 */
export function startFleet(options: FleetOptions): Fleet {
  const stats: FleetStats = {
    connected: 0,
    published: 0,
    acked: 0,
    failed: 0,
    missed: 0,
    faults: 0,
    silent: 0,
  };
  const members = options.devices.map((device, index) => ({
    device,
    model: createDeviceModel(device.id, device.type, options.runId, { scenario: options.scenario }),
    silenced: false,
    topic: telemetryTopic(device.id),
    // Spread the fleet over the first interval so messages do not arrive in lockstep.
    offsetMs: (index / Math.max(1, options.devices.length)) * (1000 / options.ratePerDevice),
    due: 0,
    /** A device's schedule starts at its first connection; before that nothing was due. */
    onlineSince: undefined as number | undefined,
    client: undefined as MqttClient | undefined,
  }));

  async function connectAll() {
    const concurrency = options.connectConcurrency ?? 50;
    let next = 0;
    const connectOne = async () => {
      while (next < members.length) {
        const member = members[next++] as (typeof members)[number];
        const client = mqtt.connect(options.mqttUrl, {
          clientId: member.device.id,
          username: member.device.id,
          password: member.device.credential,
          protocolVersion: 4,
          reconnectPeriod: 2_000,
          connectTimeout: 10_000,
        });
        const recount = () => {
          stats.connected = countConnected();
        };
        client.on("connect", () => {
          member.onlineSince ??= Date.now();
          recount();
        });
        client.on("close", recount);
        // Refusals and drops surface as `close`; mqtt.js reconnects on its own.
        client.on("error", () => {});
        member.client = client;
        await new Promise<void>((resolve) => {
          client.once("connect", () => resolve());
          client.once("error", () => resolve());
          client.once("close", () => resolve());
        });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, connectOne));
  }

  const countConnected = () => members.filter((m) => m.client?.connected).length;

  function publishDue() {
    const now = Date.now();
    for (const member of members) {
      if (member.onlineSince === undefined || member.silenced) continue;
      if (member.model.silent()) {
        member.silenced = true;
        stats.silent += 1;
        continue;
      }
      const elapsed = now - member.onlineSince;
      const shouldHave = Math.floor(((elapsed - member.offsetMs) * options.ratePerDevice) / 1000) + 1;
      while (member.due < shouldHave) {
        member.due += 1;
        const client = member.client;
        if (!client?.connected) {
          stats.missed += 1;
          continue;
        }
        const at = Date.now();
        const message = member.model.nextMessage(at);
        if (options.readingsPerMessage)
          message.readings = message.readings.slice(0, options.readingsPerMessage);
        if (hasFault(message)) stats.faults += 1;
        stats.published += 1;
        client.publish(member.topic, JSON.stringify(message), { qos: 1 }, (error) => {
          if (error) {
            stats.failed += 1;
            return;
          }
          stats.acked += 1;
          options.onAcked?.(member.device, message, at);
        });
      }
    }
  }

  const ready = connectAll();
  const timer = setInterval(publishDue, tickMs);

  return {
    stats,
    ready,
    async stop(drainMs = 10_000) {
      clearInterval(timer);
      const deadline = Date.now() + drainMs;
      while (stats.acked + stats.failed < stats.published && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await ready;
      await Promise.all(members.map((m) => m.client?.endAsync(true).catch(() => {})));
      stats.connected = 0;
    },
  };
}
