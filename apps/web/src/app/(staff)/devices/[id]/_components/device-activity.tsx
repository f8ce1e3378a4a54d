"use client";

import { buttonVariants } from "@revolv/ui/button";
import { DataTable, type DataTableState } from "@revolv/ui/data-table";
import { LocalTime } from "@revolv/ui/local-time";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ColumnDef, PaginationState, Updater } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo, useState } from "react";
import { tableStatusOf } from "~/app/_components/table-status";
import { useTRPC } from "~/trpc/react";
import { useActorNames } from "../../../_audit/actor-names";
import { AuditDrawer, type AuditEvent } from "../../../_audit/audit-drawer";
import { deviceAuditInput, deviceAuditLogHref, deviceAuditPageSize } from "../../../_audit/audit-inputs";

/** Without `before`/`after`: their `unknown` type breaks TanStack's column inference. */
type ActivityRow = Omit<AuditEvent, "before" | "after">;

/**
 * The device page's Activity tab: the audit rows whose target is this device, newest first
 * (created, edited, credential rotated, decommissioned), each opening the audit log's diff drawer.
 */
export function DeviceActivity({ deviceId, canReadUsers }: { deviceId: string; canReadUsers: boolean }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const query = useQuery({
    ...trpc.audit.list.queryOptions(deviceAuditInput(deviceId, page)),
    placeholderData: keepPreviousData,
  });
  const { actorName } = useActorNames(canReadUsers);
  const [openId, setOpenId] = useState<string | null>(null);
  const open = query.data?.items.find((event) => event.id === openId) ?? null;

  const columns = useMemo<ColumnDef<ActivityRow, never>[]>(
    () => [
      {
        id: "createdAt",
        header: "When",
        enableSorting: false,
        cell: ({ row }) => (
          <button
            type="button"
            className="text-left underline-offset-4 hover:underline"
            onClick={() => setOpenId(row.original.id)}
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
      {
        id: "requestId",
        header: "Request id",
        enableSorting: false,
        cell: ({ row }) => (
          <code className="text-muted-foreground text-xs">{row.original.requestId ?? "—"}</code>
        ),
      },
    ],
    [actorName],
  );

  const pagination: PaginationState = { pageIndex: page - 1, pageSize: deviceAuditPageSize };
  const state: DataTableState = {
    pagination,
    sorting: [],
    columnFilters: [],
    columnVisibility: {},
    rowSelection: {},
  };

  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <p className="text-muted-foreground text-sm">
          Who changed this device, and what: open a row for the diff.
        </p>
        <Link
          href={deviceAuditLogHref(deviceId)}
          className={buttonVariants({ variant: "outline", size: "sm", className: "ml-auto" })}
        >
          Open in audit log
        </Link>
      </div>
      <DataTable
        label="Device activity"
        columns={columns}
        data={(query.data?.items ?? []) as ActivityRow[]}
        rowCount={query.data?.total ?? 0}
        getRowId={(event) => event.id}
        state={state}
        status={tableStatusOf(query)}
        pageSizes={[deviceAuditPageSize]}
        maxHeight="36rem"
        onPaginationChange={(updater: Updater<PaginationState>) => {
          const next = typeof updater === "function" ? updater(pagination) : updater;
          setPage(next.pageIndex + 1);
        }}
        onSortingChange={() => {}}
        empty={
          <p>
            Nothing audited for this device yet: edits, tag changes, credential rotations and decommissioning
            appear here.
          </p>
        }
      />
      <AuditDrawer event={open} actorName={actorName} onClose={() => setOpenId(null)} />
    </div>
  );
}
