import type { AlarmScope, DeviceType } from "@revolv/validators";

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
