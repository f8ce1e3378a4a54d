"use client";

import type { AppRouter } from "@revolv/api";
import { AlarmSeverityBadge } from "@revolv/ui/alarm-severity-badge";
import { Badge } from "@revolv/ui/badge";
import { Button } from "@revolv/ui/button";
import { LocalTime } from "@revolv/ui/local-time";
import type { ColumnDef } from "@tanstack/react-table";
import type { inferRouterOutputs } from "@trpc/server";
import type { AlarmAction } from "./alarm-action-dialog";

/** One row of `alarms.list`, as the console and the device page's Alarms tab show it. */
export type Alarm = inferRouterOutputs<AppRouter>["alarms"]["list"]["items"][number];
type AlarmColumn = ColumnDef<Alarm, never>;

const statusVariant = { active: "destructive", acknowledged: "warning", cleared: "muted" } as const;

/**
 * The alarm table's columns, shared by the console and the device page so an alarm reads the same
 * in both. The server orders every alarm list (open first, then severity, newest), so no column
 * re-sorts it.
 */
export const alarmColumns = {
  severity: (): AlarmColumn => ({
    id: "severity",
    accessorKey: "severity",
    header: "Severity",
    enableSorting: false,
    cell: ({ row }) => (
      <AlarmSeverityBadge
        severity={row.original.severity}
        acknowledged={row.original.status === "cleared" ? undefined : row.original.status === "acknowledged"}
      />
    ),
  }),
  /** The rule's name, opening the alarm's transitions and notifications. */
  rule: (open: (alarm: Alarm) => void): AlarmColumn => ({
    id: "rule",
    accessorKey: "ruleName",
    header: "Alarm",
    enableSorting: false,
    cell: ({ row }) => (
      <button
        type="button"
        className="text-left font-medium underline-offset-4 hover:underline"
        onClick={() => open(row.original)}
      >
        {row.original.ruleName}
      </button>
    ),
  }),
  status: (): AlarmColumn => ({
    id: "status",
    accessorKey: "status",
    header: "Status",
    enableSorting: false,
    cell: ({ row }) => (
      <Badge variant={statusVariant[row.original.status]} data-status={row.original.status}>
        {row.original.status}
      </Badge>
    ),
  }),
  /** A moment of the alarm's lifecycle, in the reader's zone; a dash while it has not happened. */
  time: (key: "raisedAt" | "acknowledgedAt" | "clearedAt", header: string): AlarmColumn => ({
    id: key,
    accessorKey: key,
    header,
    enableSorting: false,
    cell: ({ row }) => {
      const at = row.original[key];
      return at ? <LocalTime value={at} /> : <span className="text-muted-foreground">—</span>;
    },
  }),
  /** Acknowledge (while active) and clear (while open); nothing once cleared. */
  actions: (act: (action: AlarmAction, ids: string[]) => void): AlarmColumn => ({
    id: "actions",
    accessorKey: "id",
    enableSorting: false,
    header: () => <span className="sr-only">Actions</span>,
    cell: ({ row }) =>
      row.original.status === "cleared" ? null : (
        <div className="flex justify-end gap-1">
          {row.original.status === "active" ? (
            <Button size="sm" variant="outline" onClick={() => act("acknowledge", [row.original.id])}>
              Acknowledge
            </Button>
          ) : null}
          <Button size="sm" variant="ghost" onClick={() => act("clear", [row.original.id])}>
            Clear
          </Button>
        </div>
      ),
  }),
};
