"use client";

import { Button } from "@revolv/ui/button";
import { DataTable } from "@revolv/ui/data-table";
import { Input } from "@revolv/ui/input";
import { Label } from "@revolv/ui/label";
import { OptionSelect } from "@revolv/ui/option-select";
import { fromZonedInput, toZonedInput } from "@revolv/ui/time-zone";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { PaginationState, Updater } from "@tanstack/react-table";
import { useQueryStates } from "nuqs";
import { useEffect, useMemo, useState } from "react";
import { pagedTableState } from "~/app/_components/paged-table-state";
import { tableStatusOf } from "~/app/_components/table-status";
import { useTRPC } from "~/trpc/react";
import { useActorNames } from "../../_audit/actor-names";
import { type AuditRow, auditColumns, auditRowsOpenOnClick } from "../../_audit/audit-columns";
import type { AuditEvent } from "../../_audit/audit-drawer";
import { LazyAuditDrawer } from "../../_audit/lazy-audit-drawer";
import { auditActions, auditInputOf, auditPageSize, auditParams, auditTargetTypes } from "./audit-params";

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
  const [timeZone, setTimeZone] = useState("UTC");
  useEffect(() => setTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);

  const [targetId, setTargetId] = useState(view.targetId);
  useEffect(() => setTargetId(view.targetId), [view.targetId]);
  useEffect(() => {
    if (targetId === view.targetId) return;
    const timer = setTimeout(() => void setView({ targetId, page: 1 }, { history: "replace" }), 300);
    return () => clearTimeout(timer);
  }, [targetId, view.targetId, setView]);

  const columns = useMemo(
    () => auditColumns({ actorName, onOpen: setOpenId, withTarget: true }),
    [actorName],
  );
  const state = pagedTableState(view.page, auditPageSize);
  const status = tableStatusOf(query);
  const filtered = Boolean(view.actor || view.action || view.target || view.targetId || view.from || view.to);

  return (
    <div className={auditRowsOpenOnClick}>
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
      <LazyAuditDrawer event={open} actorName={actorName} onClose={() => setOpenId(null)} />
    </div>
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
