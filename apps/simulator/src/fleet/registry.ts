import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { RevolvClient, RevolvOutputs } from "@revolv/client";
import type { DeviceType } from "@revolv/validators";
import type { FleetDevice } from "./fleet";

/** Every device the simulator registers carries this tag, so it can find them again. */
export const simulatorTag = "simulator";

const sites = [
  "Oslo Central Station",
  "Bergen Bryggen Market",
  "Trondheim Solsiden Mall",
  "Stavanger Kvadrat",
  "Tromsø Jekta Storsenter",
  "Drammen Gulskogen",
];

type ListedDevice = RevolvOutputs["devices"]["list"]["items"][number];

/**
 * Device credentials are shown once by the API, so the simulator keeps the ones it was given,
 * per server, in a file only the owner can read. A device whose credential is not in the file
 * gets a new one through `devices.rotateCredential`.
 */
export class CredentialStore {
  #byServer: Record<string, Record<string, string>> = {};

  private constructor(
    readonly file: string,
    readonly server: string,
  ) {}

  static async open(file: string, server: string): Promise<CredentialStore> {
    const store = new CredentialStore(file, server);
    try {
      store.#byServer = JSON.parse(await readFile(file, "utf8"));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    return store;
  }

  get(deviceId: string): string | undefined {
    return this.#byServer[this.server]?.[deviceId];
  }

  set(deviceId: string, credential: string) {
    this.#byServer[this.server] ??= {};
    (this.#byServer[this.server] as Record<string, string>)[deviceId] = credential;
  }

  async save() {
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFile(this.file, JSON.stringify(this.#byServer, null, 2), { mode: 0o600 });
    await chmod(this.file, 0o600);
  }
}

async function listSimulated(client: RevolvClient): Promise<ListedDevice[]> {
  const found: ListedDevice[] = [];
  for (let page = 1; ; page++) {
    const result = await client.devices.list.query({
      tag: simulatorTag,
      page,
      pageSize: 200,
      sortBy: "serialNumber",
      sortDir: "asc",
    });
    found.push(...result.items);
    if (page >= result.pageCount) return found;
  }
}

const serialPrefix: Record<DeviceType, string> = { rvm: "SIM-RVM", soundbox: "SIM-SBX" };

/** Runs `work` over `items`, at most `limit` at a time. */
async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

export interface EnsureDevicesOptions {
  count: number;
  /** Types are dealt round-robin: `["rvm", "soundbox"]` makes half of each. */
  types: DeviceType[];
  store: CredentialStore;
  log?: (line: string) => void;
}

/** Serials for the devices still missing, dealing types round-robin and skipping taken ones. */
export function planNewDevices(taken: Iterable<string>, from: number, count: number, types: DeviceType[]) {
  const used = new Set(taken);
  const nextIndex: Record<DeviceType, number> = { rvm: 1, soundbox: 1 };
  const planned: { type: DeviceType; serialNumber: string; site: string }[] = [];
  for (let i = from; i < count; i++) {
    const type = types[i % types.length] as DeviceType;
    let serialNumber: string;
    do serialNumber = `${serialPrefix[type]}-${String(nextIndex[type]++).padStart(5, "0")}`;
    while (used.has(serialNumber));
    used.add(serialNumber);
    planned.push({ type, serialNumber, site: sites[i % sites.length] as string });
  }
  return planned;
}

/**
 * Reuses the simulator's devices already registered (oldest serials first) and registers the
 * rest, through the API like any other client, so RBAC and the audit trail see the simulator.
 */
export async function ensureSimulatedDevices(
  client: RevolvClient,
  { count, types, store, log = () => {} }: EnsureDevicesOptions,
): Promise<FleetDevice[]> {
  const existing = (await listSimulated(client)).filter(
    (d) => d.status !== "decommissioned" && types.includes(d.type),
  );
  const reused = existing.slice(0, count);
  const missingCredential = reused.filter((d) => !store.get(d.id));
  const planned = planNewDevices(
    existing.map((d) => d.serialNumber),
    reused.length,
    count,
    types,
  );
  const created: FleetDevice[] = [];
  // Saved whatever happens: a credential the API returned is never shown again.
  try {
    await inParallel(missingCredential, 20, async (d) => {
      const { credential } = await client.devices.rotateCredential.mutate({ id: d.id });
      store.set(d.id, credential);
    });
    await inParallel(planned, 20, async ({ type, serialNumber, site }) => {
      const { device, credential } = await client.devices.create.mutate({
        type,
        serialNumber,
        name: `${type === "rvm" ? "RVM" : "Soundbox"} ${serialNumber.slice(-5)} · ${site}`,
        site,
        firmwareVersion: type === "rvm" ? "4.2.0" : "2.4.1",
        tags: [simulatorTag, type === "rvm" ? "rvm-line-a" : "payments"],
      });
      store.set(device.id, credential);
      created.push({ id: device.id, type: device.type, credential });
    });
  } finally {
    await store.save();
  }
  log(
    `devices: ${reused.length} reused (${missingCredential.length} with a new credential), ${created.length} registered`,
  );
  return [
    ...reused.map((d) => ({ id: d.id, type: d.type, credential: store.get(d.id) as string })),
    ...created,
  ];
}
