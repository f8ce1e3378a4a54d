import { type Permission, roleHasPermission } from "@revolv/auth";
import type { RoleName } from "@revolv/validators";

/** Icons are named here and drawn by the client shell (components cannot cross to the client). */
export type NavigationIcon = "overview" | "devices" | "alarms" | "pipeline" | "users" | "audit" | "account";

export type NavigationEntry = {
  href: string;
  label: string;
  icon: NavigationIcon;
  permission: Permission | "authenticated";
};

/** Every page of the sidebar and what reading it takes (the same permission the page checks). */
export const navigation: NavigationEntry[] = [
  { href: "/", label: "Overview", icon: "overview", permission: "authenticated" },
  { href: "/devices", label: "Devices", icon: "devices", permission: "device:read" },
  { href: "/alarms", label: "Alarms", icon: "alarms", permission: "alarm:read" },
  { href: "/pipeline", label: "Pipeline", icon: "pipeline", permission: "system:read" },
  { href: "/users", label: "Users", icon: "users", permission: "user:read" },
  { href: "/audit", label: "Audit log", icon: "audit", permission: "audit:read" },
  { href: "/account", label: "Account", icon: "account", permission: "authenticated" },
];

/** Nothing the role cannot open is offered. */
export function navigationFor(role: RoleName): NavigationEntry[] {
  return navigation.filter(
    (entry) => entry.permission === "authenticated" || roleHasPermission(role, entry.permission),
  );
}
