import type { DeviceStatus } from "@revolv/validators";
import { CircleDashed, CircleOff, Power, Wifi, WifiOff, Wrench } from "lucide-react";
import type { ReactNode } from "react";
import { Badge, type BadgeProps } from "../primitives/badge";

const statusLook: Record<DeviceStatus, { label: string; variant: BadgeProps["variant"]; icon: ReactNode }> = {
  provisioned: { label: "Provisioned", variant: "info", icon: <CircleDashed aria-hidden /> },
  online: { label: "Online", variant: "success", icon: <Wifi aria-hidden /> },
  offline: { label: "Offline", variant: "destructive", icon: <WifiOff aria-hidden /> },
  maintenance: { label: "Maintenance", variant: "warning", icon: <Wrench aria-hidden /> },
  decommissioned: { label: "Decommissioned", variant: "muted", icon: <CircleOff aria-hidden /> },
};

/** A device's lifecycle status (`deviceStatuses` in @revolv/validators); icon and word, never colour alone. */
export function DeviceStatusBadge({ status }: { status: DeviceStatus }) {
  const look = statusLook[status];
  return (
    <Badge variant={look.variant} data-slot="device-status-badge" data-status={status}>
      {look.icon}
      {look.label}
    </Badge>
  );
}

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto", style: "short" });

/** "3 min ago", "yesterday": coarse on purpose, the exact time is in the title. */
export function formatLastSeen(lastSeenAt: Date, now: Date): string {
  const seconds = Math.round((lastSeenAt.getTime() - now.getTime()) / 1000);
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ["second", 60],
    ["minute", 60],
    ["hour", 24],
    ["day", 30],
    ["month", 12],
  ];
  let value = seconds;
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
    value /= size;
  }
  return relative.format(Math.round(value), "year");
}

/**
 * Is the device talking right now, and since when not: the first triage question. `reason`
 * says why it went silent when the broker knows (a last will, a keep-alive timeout).
 */
export function ConnectivityBadge({
  connected,
  lastSeenAt,
  now = new Date(),
  reason,
}: {
  connected: boolean;
  lastSeenAt: Date | null;
  now?: Date;
  reason?: string;
}) {
  const seen = lastSeenAt ? formatLastSeen(lastSeenAt, now) : "never";
  const title = [lastSeenAt ? `Last message ${lastSeenAt.toISOString()}` : "No message yet", reason]
    .filter(Boolean)
    .join(" · ");
  return (
    <Badge
      variant={connected ? "success" : "muted"}
      data-slot="connectivity-badge"
      data-connected={connected}
      title={title}
    >
      <Power aria-hidden />
      {connected ? "Connected" : `Silent · seen ${seen}`}
      {!connected && reason ? <span className="sr-only">, {reason}</span> : null}
    </Badge>
  );
}
