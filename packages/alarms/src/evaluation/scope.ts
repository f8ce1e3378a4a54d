import { devices } from "@revolv/db/schema";

/** What a transition needs of a device: its scope fields and the summary a notification names. */
export const scopedDeviceColumns = {
  id: devices.id,
  name: devices.name,
  site: devices.site,
  type: devices.type,
  tags: devices.tags,
};

// The scope test itself is pure and lives with the scope's schema, where the web app reads it too.
export { type ScopedDevice, scopeMatches } from "@revolv/validators";
