import type { DeviceType, MetricName, Reading, TelemetryMessage } from "@revolv/validators";

/** A tiny seeded PRNG (mulberry32): a device's behaviour is reproducible from its id. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function seedOf(text: string): number {
  let hash = 2_166_136_261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16_777_619);
  return hash >>> 0;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export interface DeviceModel {
  /** The next message: drifting state since the previous one, occasionally a fault. */
  nextMessage(now: number): TelemetryMessage;
  /** True once the device has stopped publishing (the `silence` scenario); it sends nothing more. */
  silent(): boolean;
}

/**
 * Scripted trouble for trying fleet health and testing it, instead of the rare random kind:
 * - `jam`: from the 3rd message an RVM's intake is jammed and stays so (`jam` 1, nothing accepted);
 * - `fill`: an RVM's PET bin climbs 8 points a message from 50 % past 90 %, is emptied at 98 %, and again;
 * - `silence`: after 5 messages the device publishes nothing more (`silent()`).
 * Random jams, doors and faults stay off in a scenario, so what a test sees is the script.
 */
export const deviceScenarios = ["jam", "fill", "silence"] as const;
export type DeviceScenario = (typeof deviceScenarios)[number];

export interface DeviceModelOptions {
  scenario?: DeviceScenario | undefined;
}

/** Messages a `silence` device sends before it goes quiet; `jam` jams at this message (0-based 2). */
const silenceAfterMessages = 5;
const jamAtMessage = 2;

/**
 * Simulated devices behave like the field: RVM bins fill with use and empty at collection,
 * counters count what happened since the last message, the cabinet temperature drifts with
 * the day, jams and open doors come and go; Soundboxes drain their battery while announcing
 * payments and charge back overnight, with noisy signal strength.
 */
export function createDeviceModel(
  deviceId: string,
  type: DeviceType,
  runId: string,
  { scenario }: DeviceModelOptions = {},
): DeviceModel {
  const rand = random(seedOf(deviceId) ^ seedOf(runId));
  const noise = (scale: number) => (rand() - 0.5) * 2 * scale;
  let sequence = 0;
  const messageId = () => `${runId}:${(sequence++).toString(36)}`;
  const silent = () => scenario === "silence" && sequence >= silenceAfterMessages;

  if (type === "rvm") {
    const bins = { pet: rand() * 60, aluminium: rand() * 60, glass: rand() * 60 };
    let temperature = 18 + rand() * 8;
    let jam = 0;
    let doorOpen = 0;
    let fault = 0;
    let powerState = 1;
    if (scenario === "fill") bins.pet = 50;
    return {
      silent,
      nextMessage(now) {
        const busy = 0.5 + 0.5 * Math.sin(((now / 3_600_000) % 24) * (Math.PI / 12));
        const accepted = jam ? 0 : Math.round(rand() * 6 * busy);
        const rejected = jam ? 0 : Math.round(rand() * accepted * 0.15);
        // Each material fills at its own pace; a collection empties a full bin.
        for (const material of ["pet", "aluminium", "glass"] as const) {
          if (scenario === "fill" && material === "pet") continue;
          bins[material] += accepted * (material === "glass" ? 0.35 : 0.2) * rand();
          if (bins[material] >= 98 || (bins[material] > 70 && rand() < 0.01)) bins[material] = rand() * 3;
        }
        temperature = clamp(temperature + noise(0.15) + (21 - temperature) * 0.01, -20, 60);
        if (scenario) {
          jam = scenario === "jam" && sequence >= jamAtMessage ? 1 : 0;
          if (scenario === "fill") bins.pet = bins.pet >= 98 ? 2 : Math.min(98, bins.pet + 8);
        } else {
          if (!jam && rand() < 0.004) jam = 1;
          else if (jam && rand() < 0.2) jam = 0;
          if (!doorOpen && rand() < 0.002) doorOpen = 1;
          else if (doorOpen && rand() < 0.3) doorOpen = 0;
          if (!fault && rand() < 0.001) fault = [101, 204, 305, 410][Math.floor(rand() * 4)] ?? 101;
          else if (fault && rand() < 0.1) fault = 0;
        }
        powerState = rand() < 0.001 ? 3 : rand() < 0.05 ? 1 : powerState === 3 ? 3 : 1;

        const readings: Reading[] = [
          { metric: "bin_fill_pet_pct", value: round(clamp(bins.pet, 0, 100)) },
          { metric: "bin_fill_aluminium_pct", value: round(clamp(bins.aluminium, 0, 100)) },
          { metric: "bin_fill_glass_pct", value: round(clamp(bins.glass, 0, 100)) },
          { metric: "items_accepted", value: accepted },
          { metric: "items_rejected", value: rejected },
          { metric: "temperature_c", value: round(temperature, 2) },
        ];
        // State metrics are reported on change and now and then, like real firmware does.
        const states: [MetricName, number][] = [
          ["jam", jam],
          ["door_open", doorOpen],
          ["fault_code", fault],
          ["power_state", powerState],
        ];
        for (const [metric, value] of states) {
          if (value !== 0 || rand() < 0.05) readings.push({ metric, value });
        }
        return { v: 1, messageId: messageId(), deviceTime: new Date(now).toISOString(), readings };
      },
    };
  }

  let battery = 40 + rand() * 60;
  let volume = 50 + Math.round(rand() * 40);
  let rssi = -60 - rand() * 40;
  const bootedAt = Date.now() - Math.round(rand() * 86_400_000);
  const firmware = rand() < 0.8 ? "2.4.1" : "2.3.9";
  return {
    silent,
    nextMessage(now) {
      const hour = new Date(now).getUTCHours();
      const charging = hour < 6 || battery < 8;
      const announcements = charging ? 0 : Math.round(rand() * 3);
      battery = clamp(battery + (charging ? 1.5 : -0.05 * (1 + announcements)), 0, 100);
      if (rand() < 0.01) volume = clamp(volume + Math.round(noise(20)), 0, 100);
      rssi = clamp(rssi + noise(3) + (-75 - rssi) * 0.05, -120, -30);
      const readings: Reading[] = [
        { metric: "battery_pct", value: round(battery) },
        { metric: "signal_rssi_dbm", value: round(rssi) },
        { metric: "announcements_played", value: announcements },
        { metric: "uptime_s", value: Math.max(0, Math.round((now - bootedAt) / 1000)) },
      ];
      if (rand() < 0.05) readings.push({ metric: "volume_pct", value: volume });
      if (rand() < 0.02) readings.push({ metric: "firmware_version", value: firmware });
      return { v: 1, messageId: messageId(), deviceTime: new Date(now).toISOString(), readings };
    },
  };
}
