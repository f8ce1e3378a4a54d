import { devices } from "@revolv/db/schema";
import type { AlarmScope, DeviceType } from "@revolv/validators";

/** What a transition needs of a device: its scope fields and the summary a notification names. */
export const scopedDeviceColumns = {
  id: devices.id,
  name: devices.name,
  site: devices.site,
  type: devices.type,
  tags: devices.tags,
};

export interface ScopedDevice {
  type: DeviceType;
  site: string;
  tags: string[];
}

/** Every field the scope gives must match; an empty scope watches every device. */
export function scopeMatches(scope: AlarmScope, device: ScopedDevice): boolean {
  if (scope.deviceType && scope.deviceType !== device.type) return false;
  if (scope.site && scope.site !== device.site) return false;
  if (scope.tag && !device.tags.includes(scope.tag)) return false;
  return true;
}
