import type { Database } from "@revolv/db/client";
import { devices, isDecommissioned } from "@revolv/db/schema";
import type { DeviceType } from "@revolv/validators";
import { inArray } from "drizzle-orm";

export type DeviceStanding =
  | { kind: "active"; type: DeviceType }
  | { kind: "decommissioned"; type: DeviceType }
  | { kind: "unknown" };

interface Entry {
  standing: DeviceStanding;
  expiresAt: number;
}

/**
 * Device id → type and standing, cached briefly so Postgres stays off the hot path: one
 * query per receive at most, for the ids not already known. Unknown ids are cached for a
 * shorter time, so a device registered a moment ago is not turned away for long.
 */
export class DeviceDirectory {
  readonly #entries = new Map<string, Entry>();
  readonly #db: Database;
  readonly #ttlMs: number;
  readonly #unknownTtlMs: number;

  constructor(db: Database, ttlMs: number) {
    this.#db = db;
    this.#ttlMs = ttlMs;
    this.#unknownTtlMs = Math.min(ttlMs, 5_000);
  }

  async lookup(ids: Iterable<string>): Promise<Map<string, DeviceStanding>> {
    const now = Date.now();
    const result = new Map<string, DeviceStanding>();
    const missing: string[] = [];
    for (const id of ids) {
      if (result.has(id)) continue;
      const entry = this.#entries.get(id);
      if (entry && entry.expiresAt > now) result.set(id, entry.standing);
      else if (!missing.includes(id)) missing.push(id);
    }
    if (missing.length === 0) return result;

    const rows = await this.#db
      .select({ id: devices.id, type: devices.type, status: devices.status })
      .from(devices)
      .where(inArray(devices.id, missing));
    const found = new Map(rows.map((row) => [row.id, row]));
    for (const id of missing) {
      const row = found.get(id);
      const standing: DeviceStanding = !row
        ? { kind: "unknown" }
        : isDecommissioned(row)
          ? { kind: "decommissioned", type: row.type }
          : { kind: "active", type: row.type };
      this.#entries.set(id, {
        standing,
        expiresAt: now + (standing.kind === "unknown" ? this.#unknownTtlMs : this.#ttlMs),
      });
      result.set(id, standing);
    }
    if (this.#entries.size > 100_000) this.#evictExpired(now);
    return result;
  }

  #evictExpired(now: number) {
    for (const [id, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(id);
  }
}
