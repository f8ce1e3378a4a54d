"use client";

import { buttonVariants } from "@revolv/ui/button";
import { DataTable } from "@revolv/ui/data-table";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { PaginationState, Updater } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo, useState } from "react";
import { pagedTableState } from "~/app/_components/paged-table-state";
import { tableStatusOf } from "~/app/_components/table-status";
import { useTRPC } from "~/trpc/react";
import { useActorNames } from "../../../_audit/actor-names";
import { type AuditRow, auditColumns, auditRowsOpenOnClick } from "../../../_audit/audit-columns";
import { deviceAuditInput, deviceAuditLogHref, deviceAuditPageSize } from "../../../_audit/audit-inputs";
import { LazyAuditDrawer } from "../../../_audit/lazy-audit-drawer";

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

  const columns = useMemo(() => auditColumns({ actorName, onOpen: setOpenId }), [actorName]);
  const state = pagedTableState(page, deviceAuditPageSize);

  return (
    <div className={`grid gap-3 ${auditRowsOpenOnClick}`}>
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
        data={(query.data?.items ?? []) as AuditRow[]}
        rowCount={query.data?.total ?? 0}
        getRowId={(event) => event.id}
        state={state}
        status={tableStatusOf(query)}
        pageSizes={[deviceAuditPageSize]}
        maxHeight="36rem"
        onPaginationChange={(updater: Updater<PaginationState>) => {
          const next = typeof updater === "function" ? updater(state.pagination) : updater;
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
      <LazyAuditDrawer event={open} actorName={actorName} onClose={() => setOpenId(null)} />
    </div>
  );
}
