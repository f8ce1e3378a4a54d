import { verifyDeviceCredential } from "@revolv/auth";
import type { Database } from "@revolv/db/client";
import { devices, isDecommissioned } from "@revolv/db/schema";
import { eq } from "drizzle-orm";

/** What the broker reads of a device to let it connect. */
const credentialColumns = { credentialHash: devices.credentialHash, status: devices.status };
export type DeviceCredentialRecord = {
  [K in keyof typeof credentialColumns]: (typeof devices.$inferSelect)[K];
};

export type DeviceCredentialLookup = (deviceId: string) => Promise<DeviceCredentialRecord | undefined>;

export function deviceCredentialLookup(db: Database): DeviceCredentialLookup {
  return async (deviceId) => {
    const [row] = await db.select(credentialColumns).from(devices).where(eq(devices.id, deviceId)).limit(1);
    return row;
  };
}

export interface DeviceAuthenticatorOptions {
  lookup: DeviceCredentialLookup;
  /**
   * How long a looked-up credential hash is reused. A fleet reconnecting after a broker
   * restart would otherwise hit Postgres once per device per retry; the price is that a
   * rotated or decommissioned credential keeps working for new connections this long.
   */
  cacheTtlMs?: number;
}

export type DeviceAuthenticator = (deviceId: string, credential: string) => Promise<boolean>;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createDeviceAuthenticator({
  lookup,
  cacheTtlMs = 10_000,
}: DeviceAuthenticatorOptions): DeviceAuthenticator {
  const cache = new Map<string, { record: DeviceCredentialRecord | undefined; expiresAt: number }>();
  const pending = new Map<string, Promise<DeviceCredentialRecord | undefined>>();

  async function cachedLookup(deviceId: string) {
    const hit = cache.get(deviceId);
    if (hit && hit.expiresAt > Date.now()) return hit.record;
    // Concurrent connects of one device share one query.
    let query = pending.get(deviceId);
    if (!query) {
      query = lookup(deviceId).finally(() => pending.delete(deviceId));
      pending.set(deviceId, query);
    }
    const record = await query;
    if (cache.size > 100_000) cache.clear();
    cache.set(deviceId, { record, expiresAt: Date.now() + cacheTtlMs });
    return record;
  }

  return async (deviceId, credential) => {
    // Anything but a UUID cannot be a device and must not reach a uuid column.
    if (!uuidPattern.test(deviceId) || credential.length === 0) return false;
    const record = await cachedLookup(deviceId.toLowerCase());
    if (!record || isDecommissioned(record)) return false;
    return verifyDeviceCredential(record.credentialHash, credential);
  };
}
