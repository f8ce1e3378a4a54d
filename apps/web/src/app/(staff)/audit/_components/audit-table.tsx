"use client";

import { Button } from "@revolv/ui/button";
import { DataTable, type DataTableState } from "@revolv/ui/data-table";
import { Input } from "@revolv/ui/input";
import { Label } from "@revolv/ui/label";
import { LocalTime } from "@revolv/ui/local-time";
import { OptionSelect } from "@revolv/ui/option-select";
import { fromZonedInput, toZonedInput } from "@revolv/ui/time-zone";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ColumnDef, PaginationState, Updater } from "@tanstack/react-table";
import dynamic from "next/dynamic";
import { useQueryStates } from "nuqs";
import { useEffect, useMemo, useState } from "react";
import { tableStatusOf } from "~/app/_components/table-status";
import { useTRPC } from "~/trpc/react";
import { useActorNames } from "../../_audit/actor-names";
import type { AuditEvent } from "../../_audit/audit-drawer";
import { auditActions, auditInputOf, auditPageSize, auditParams, auditTargetTypes } from "./audit-params";

const AuditDrawer = dynamic(() => import("../../_audit/audit-drawer").then((m) => m.AuditDrawer), {
  ssr: false,
});

/**
 * The table's row type leaves out `before`/`after`: TanStack's column typing walks every key of
 * the row, and `unknown` fields break its inference. The drawer reads them from the event.
 */
type AuditRow = Omit<AuditEvent, "before" | "after">;

const all = "all";

/** The audit trail: filters and page in the URL; a row opens its before/after in a drawer. */
export function AuditTable({ canReadUsers }: { canReadUsers: boolean }) {
  const trpc = useTRPC();
  const [view, setView] = useQueryStates(auditParams, { history: "push" });
  const query = useQuery({
    ...trpc.audit.list.queryOptions(auditInputOf(view)),
    placeholderData: keepPreviousData,
  });
  const { users, actorName } = useActorNames(canReadUsers);
  const [openId, setOpenId] = useState<string | null>(null);
  const open: AuditEvent | null = query.data?.items.find((event) => event.id === openId) ?? null;
  // Mounted from the first opening on, so closing keeps the sheet's exit animation.
  const [openedOnce, setOpenedOnce] = useState(false);
  if (openId !== null && !openedOnce) setOpenedOnce(true);
  const [timeZone, setTimeZone] = useState("UTC");
  useEffect(() => setTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);

  const [targetId, setTargetId] = useState(view.targetId);
  useEffect(() => setTargetId(view.targetId), [view.targetId]);
  useEffect(() => {
    if (targetId === view.targetId) return;
    const timer = setTimeout(() => void setView({ targetId, page: 1 }, { history: "replace" }), 300);
    return () => clearTimeout(timer);
  }, [targetId, view.targetId, setView]);

  const columns = useMemo<ColumnDef<AuditRow, never>[]>(
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

  const state: DataTableState = {
    pagination: { pageIndex: Math.max(1, view.page) - 1, pageSize: auditPageSize },
    sorting: [],
    columnFilters: [],
    columnVisibility: {},
    rowSelection: {},
  };
  const status = tableStatusOf(query);
  const filtered = Boolean(view.actor || view.action || view.target || view.targetId || view.from || view.to);

  return (
    <>
      <DataTable
        label="Audit log"
        columns={columns}
        data={(query.data?.items ?? []) as AuditRow[]}
        rowCount={query.data?.total ?? 0}
        getRowId={(event) => event.id}
        state={state}
        status={status}
        pageSizes={[auditPageSize]}
        maxHeight="calc(100svh - 18rem)"
        onPaginationChange={(updater: Updater<PaginationState>) => {
          const next = typeof updater === "function" ? updater(state.pagination) : updater;
          void setView({ page: next.pageIndex + 1 });
        }}
        onSortingChange={() => {}}
        toolbar={() => (
          <div className="flex flex-wrap items-end gap-2">
            {canReadUsers ? (
              <OptionSelect
                size="sm"
                aria-label="Actor"
                className="w-40"
                value={view.actor ?? all}
                options={[
                  { value: all, label: "Any actor" },
                  ...(users.data?.items ?? []).map((user) => ({ value: user.id, label: user.username })),
                ]}
                onValueChange={(value) => void setView({ actor: value === all ? null : value, page: 1 })}
              />
            ) : null}
            <OptionSelect
              size="sm"
              aria-label="Action"
              className="w-48"
              value={view.action ?? all}
              options={[
                { value: all, label: "Any action" },
                ...auditActions.map((action) => ({ value: action, label: action })),
              ]}
              onValueChange={(value) =>
                void setView({
                  action: value === all ? null : (value as (typeof auditActions)[number]),
                  page: 1,
                })
              }
            />
            <OptionSelect
              size="sm"
              aria-label="Target type"
              className="w-36"
              value={view.target ?? all}
              options={[
                { value: all, label: "Any target" },
                ...auditTargetTypes.map((type) => ({ value: type, label: type })),
              ]}
              onValueChange={(value) =>
                void setView({
                  target: value === all ? null : (value as (typeof auditTargetTypes)[number]),
                  page: 1,
                })
              }
            />
            <Input
              type="search"
              aria-label="Target id"
              placeholder="Target id"
              className="h-8 w-44"
              value={targetId}
              onChange={(event) => setTargetId(event.target.value)}
            />
            <TimeInput
              label="From"
              value={view.from}
              timeZone={timeZone}
              onChange={(from) => void setView({ from, page: 1 })}
            />
            <TimeInput
              label="To"
              value={view.to}
              timeZone={timeZone}
              onChange={(to) => void setView({ to, page: 1 })}
            />
            {filtered ? (
              <Button size="sm" variant="ghost" onClick={() => void setView(null)}>
                Clear filters
              </Button>
            ) : null}
          </div>
        )}
        empty={
          filtered ? (
            <p>No event matches these filters; widen the time range or clear a filter.</p>
          ) : (
            <p>Nothing audited yet: changes to devices, users and sessions appear here.</p>
          )
        }
      />
      {/* The drawer (Radix dialog) loads with the first row opened, not with the page. */}
      {openedOnce ? <AuditDrawer event={open} actorName={actorName} onClose={() => setOpenId(null)} /> : null}
    </>
  );
}

/** A moment typed in the reader's time zone, kept in the URL as UTC. */
function TimeInput({
  label,
  value,
  timeZone,
  onChange,
}: {
  label: string;
  value: Date | null;
  timeZone: string;
  onChange: (value: Date | null) => void;
}) {
  return (
    <div className="grid gap-0.5">
      <Label className="text-muted-foreground text-xs">
        {label}
        <Input
          type="datetime-local"
          className="h-8 w-52"
          value={value ? toZonedInput(value, timeZone) : ""}
          onChange={(event) =>
            onChange(event.target.value ? fromZonedInput(event.target.value, timeZone) : null)
          }
        />
      </Label>
    </div>
  );
}
