import type { DeviceStatus, DeviceType } from "@revolv/validators";

export const statusLabels: Record<DeviceStatus, string> = {
  provisioned: "Provisioned",
  online: "Online",
  offline: "Offline",
  maintenance: "Maintenance",
  decommissioned: "Decommissioned",
};

export const typeLabels: Record<DeviceType, string> = {
  rvm: "Reverse vending machine",
  soundbox: "Soundbox",
};
