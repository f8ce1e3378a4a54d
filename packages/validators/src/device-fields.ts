/**
 * The device vocabulary without Zod: the lists and field rules `device.ts` builds its schemas
 * from. Client components import this entry (`@revolv/validators/device-fields`) for select
 * options and URL parsing, so a page's scripts do not carry Zod and every schema of the package
 * just to list five statuses; the server validates every call with the schemas anyway.
 */

export const deviceTypes = ["rvm", "soundbox"] as const;

/**
 * `provisioned` until the first message arrives; the ingest worker moves it between
 * `online` and `offline`; `maintenance` is set by staff; `decommissioned` is final.
 */
export const deviceStatuses = ["provisioned", "online", "offline", "maintenance", "decommissioned"] as const;

/**
 * Devices that need someone, as the fleet overview counts them: the latest bin fill at or above
 * 90 %, a Soundbox under 20 % battery, jammed or faulted now (ClickHouse's newest readings), or
 * silent (Postgres: not heard from for an hour, decommissioned devices aside).
 */
export const deviceAttentions = ["bins_nearly_full", "low_battery", "jammed", "faulted", "silent"] as const;

export const deviceSortFields = ["name", "serialNumber", "site", "createdAt", "lastSeenAt"] as const;

export const siteMaxLength = 120;
export const tagMaxLength = 32;
export const tagPattern = /^[a-z0-9][a-z0-9:_-]*$/;

/** The trimmed site `siteSchema` accepts, or undefined where it would refuse the text. */
export function validSite(text: string): string | undefined {
  const site = text.trim();
  return site.length >= 1 && site.length <= siteMaxLength ? site : undefined;
}

/** The trimmed tag `tagSchema` accepts, or undefined where it would refuse the text. */
export function validTag(text: string): string | undefined {
  const tag = text.trim();
  return tag.length >= 1 && tag.length <= tagMaxLength && tagPattern.test(tag) ? tag : undefined;
}
