import type { ListDevicesInput } from "@revolv/validators";
// The Zod-free entry: this module runs in the browser too, and the server validates the input anyway.
import {
  deviceAttentions,
  deviceSortFields,
  deviceStatuses,
  deviceTypes,
  validSite,
  validTag,
} from "@revolv/validators/device-fields";
import {
  createLoader,
  type inferParserType,
  parseAsArrayOf,
  parseAsInteger,
  parseAsNumberLiteral,
  parseAsString,
  parseAsStringLiteral,
} from "nuqs/server";

export const devicePageSizes = [10, 25, 50, 100] as const;

/**
 * The device list's view, all of it in the URL: a reload, the back button or a shared link show
 * the same rows. The server page and the client table read it through these same parsers, so the
 * query the server prefetches is the one the client asks for.
 */
export const deviceListParams = {
  q: parseAsString.withDefault(""),
  type: parseAsStringLiteral(deviceTypes),
  status: parseAsStringLiteral(deviceStatuses),
  site: parseAsString.withDefault(""),
  tag: parseAsString.withDefault(""),
  /** The overview's figures open the list with this (bins nearly full, silent, …). */
  attention: parseAsStringLiteral(deviceAttentions),
  sort: parseAsStringLiteral(deviceSortFields).withDefault("createdAt"),
  dir: parseAsStringLiteral(["asc", "desc"] as const).withDefault("desc"),
  page: parseAsInteger.withDefault(1),
  size: parseAsNumberLiteral(devicePageSizes).withDefault(25),
  hide: parseAsArrayOf(parseAsString).withDefault([]),
};

export type DeviceListView = inferParserType<typeof deviceListParams>;

export const loadDeviceListView = createLoader(deviceListParams);

/** The filter and order of a view, without its page: what the table and the CSV export share. */
function filterOf(view: DeviceListView) {
  // A text filter the API would refuse (a tag in capitals, say) filters nothing rather than failing the page.
  const site = validSite(view.site);
  const tag = validTag(view.tag);
  return {
    sortBy: view.sort,
    sortDir: view.dir,
    ...(view.q.trim() && { search: view.q.trim() }),
    ...(view.type && { type: view.type }),
    ...(view.status && { status: view.status }),
    ...(site && { site }),
    ...(tag && { tag }),
    ...(view.attention && { attention: view.attention }),
  };
}

/** The `devices.list` input of a view; a hand-edited page below 1 reads as page 1. */
export function listInputOf(view: DeviceListView): ListDevicesInput {
  return { page: Math.max(1, view.page), pageSize: view.size, ...filterOf(view) };
}

/**
 * `GET /api/v1/devices.csv` for a view: every page of the same filter, in the table's order.
 * The session cookie authorizes it like any other call, so a plain link downloads it.
 */
export function exportAddressOf(view: DeviceListView): string {
  const query = new URLSearchParams(
    Object.entries(filterOf(view)).map(([key, value]) => [key, String(value)]),
  );
  return `/api/v1/devices.csv?${query}`;
}
