"use client";

import { LocalTime } from "@revolv/ui/local-time";
import type { ColumnDef } from "@tanstack/react-table";
import type { AuditEvent } from "./audit-drawer";

/**
 * An audit row as the tables show it: TanStack's column typing walks every key of the row, and
 * the `unknown` `before`/`after` break its inference. The drawer reads them from the event.
 */
export type AuditRow = Omit<AuditEvent, "before" | "after">;

/**
 * For the element around an audit table: each row becomes the box its When button's overlay
 * fills, so a pointer click anywhere on the row opens the event, while the keyboard still meets
 * one button per row (the stretched-link pattern; DataTable has no row click of its own).
 */
export const auditRowsOpenOnClick = "[&_tbody_tr]:relative";

/**
 * The audit table's columns, shared by the audit log and the device page's Activity tab so an
 * event reads the same in both: when (the button that opens the event), actor, action, the
 * target where the table spans several (`withTarget`), and the request id.
 */
export function auditColumns({
  actorName,
  onOpen,
  withTarget = false,
}: {
  actorName: (id: string | null) => string;
  onOpen: (id: string) => void;
  withTarget?: boolean;
}): ColumnDef<AuditRow, never>[] {
  return [
    {
      id: "createdAt",
      header: "When",
      enableSorting: false,
      cell: ({ row }) => (
        <button
          type="button"
          // The overlay covers the row (see `auditRowsOpenOnClick`).
          className="cursor-pointer text-left underline-offset-4 after:absolute after:inset-0 hover:underline"
          onClick={() => onOpen(row.original.id)}
          aria-label={`Open ${row.original.action} of ${row.original.createdAt.toISOString()}`}
        >
          <LocalTime value={row.original.createdAt} />
        </button>
      ),
    },
    {
      id: "actor",
      header: "Actor",
      enableSorting: false,
      cell: ({ row }) => actorName(row.original.actorId),
    },
    {
      id: "action",
      header: "Action",
      enableSorting: false,
      cell: ({ row }) => <code className="text-xs">{row.original.action}</code>,
    },
    ...(withTarget ? [targetColumn] : []),
    {
      id: "requestId",
      header: "Request id",
      enableSorting: false,
      cell: ({ row }) => (
        <code className="text-muted-foreground text-xs">{row.original.requestId ?? "—"}</code>
      ),
    },
  ];
}

const targetColumn: ColumnDef<AuditRow, never> = {
  id: "target",
  header: "Target",
  enableSorting: false,
  cell: ({ row }) => (
    <span>
      {row.original.targetType}{" "}
      <span className="font-mono text-muted-foreground text-xs">
        {row.original.targetId?.slice(0, 8) ?? ""}
      </span>
    </span>
  ),
};
