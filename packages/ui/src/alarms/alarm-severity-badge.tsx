import { AlertOctagon, AlertTriangle, Info, TriangleAlert } from "lucide-react";
import type { ReactNode } from "react";
import { Badge, type BadgeProps } from "../primitives/badge";

/**
 * Alarm severities, worst first. The alarm rules schema (validators) does not exist yet; when it
 * does, its enum replaces this list.
 */
export const alarmSeverities = ["critical", "major", "minor", "warning"] as const;
export type AlarmSeverity = (typeof alarmSeverities)[number];

const severityLook: Record<
  AlarmSeverity,
  { label: string; variant: BadgeProps["variant"]; icon: ReactNode }
> = {
  critical: { label: "Critical", variant: "destructive", icon: <AlertOctagon aria-hidden /> },
  major: { label: "Major", variant: "warning", icon: <TriangleAlert aria-hidden /> },
  minor: { label: "Minor", variant: "info", icon: <AlertTriangle aria-hidden /> },
  warning: { label: "Warning", variant: "muted", icon: <Info aria-hidden /> },
};

/** Severity plus, when given, whether someone has taken the alarm ("active and unacknowledged" first). */
export function AlarmSeverityBadge({
  severity,
  acknowledged,
}: {
  severity: AlarmSeverity;
  acknowledged?: boolean;
}) {
  const look = severityLook[severity];
  return (
    <Badge
      variant={look.variant}
      data-slot="alarm-severity-badge"
      data-severity={severity}
      data-acknowledged={acknowledged}
      className={acknowledged ? "border-dashed" : undefined}
    >
      {look.icon}
      {look.label}
      {acknowledged === undefined ? null : acknowledged ? " · acknowledged" : " · new"}
    </Badge>
  );
}
