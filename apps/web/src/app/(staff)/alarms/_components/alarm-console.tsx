"use client";

import { Button } from "@revolv/ui/button";
import { DataTable, type DataTableState } from "@revolv/ui/data-table";
import { Input } from "@revolv/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@revolv/ui/select";
import { selectionColumn } from "@revolv/ui/selection-column";
import { alarmSeverities } from "@revolv/validators/alarm-fields";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ColumnDef, RowSelectionState, Updater } from "@tanstack/react-table";
import { X } from "lucide-react";
import Link from "next/link";
import { useQueryStates } from "nuqs";
import { useEffect, useMemo, useState } from "react";
import { tableStatusOf } from "~/app/_components/table-status";
import { useTRPC } from "~/trpc/react";
import type { AlarmAction } from "../../_alarms/alarm-action-dialog";
import { type Alarm, alarmColumns } from "../../_alarms/alarm-columns";
import { AlarmLiveNote, useAlarmLiveRefresh } from "../../_alarms/alarm-live";
import { LazyAlarmActionDialog, LazyAlarmDrawer } from "../../_alarms/lazy-alarm-overlays";
import { alarmListInputOf, alarmListParams, alarmPageSizes } from "./alarm-params";

const apply = <T,>(updater: Updater<T>, old: T): T =>
  typeof updater === "function" ? (updater as (old: T) => T)(old) : updater;

const all = "all";
const statusLabels = {
  open: "Open alarms",
  active: "Active",
  acknowledged: "Acknowledged",
  cleared: "Cleared",
  all: "All statuses",
} as const;
const severityLabels = { critical: "Critical", major: "Major", minor: "Minor", warning: "Warning" } as const;

function useColumns(
  canAck: boolean,
  open: (alarm: Alarm) => void,
  act: (action: AlarmAction, ids: string[]) => void,
): ColumnDef<Alarm, never>[] {
  return useMemo(() => {
    const columns: ColumnDef<Alarm, never>[] = [
      alarmColumns.severity(),
      alarmColumns.rule(open),
      {
        id: "device",
        accessorKey: "deviceName",
        header: "Device",
        enableSorting: false,
        cell: ({ row }) => (
          <Link href={`/devices/${row.original.deviceId}`} className="underline-offset-4 hover:underline">
            {row.original.deviceName}
          </Link>
        ),
      },
      { id: "site", accessorKey: "site", header: "Site", enableSorting: false },
      alarmColumns.status(),
      alarmColumns.time("raisedAt", "Raised"),
    ];
    if (!canAck) return columns;
    return [
      selectionColumn<Alarm>((alarm) => `${alarm.ruleName} on ${alarm.deviceName}`),
      ...columns,
      alarmColumns.actions(act),
    ];
  }, [canAck, open, act]);
}

/**
 * The alarm console: open alarms first (active and unacknowledged at the top, then severity and
 * newest), filtered and paged by the server with the view in the URL, refreshed from
 * `alarms.live` as transitions happen anywhere in the fleet.
 */
export function AlarmConsole({ canAck }: { canAck: boolean }) {
  const trpc = useTRPC();
  const [view, setView] = useQueryStates(alarmListParams, { history: "push" });
  const query = useQuery({
    ...trpc.alarms.list.queryOptions(alarmListInputOf(view)),
    placeholderData: keepPreviousData,
  });
  const rules = useQuery(trpc.alarms.rules.list.queryOptions({ pageSize: 200 }));
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [opened, setOpened] = useState<Alarm | undefined>();
  const [pending, setPending] = useState<{ action: AlarmAction; ids: string[] } | null>(null);
  const columns = useColumns(
    canAck,
    setOpened,
    useMemo(() => (action: AlarmAction, ids: string[]) => setPending({ action, ids }), []),
  );

  const live = useAlarmLiveRefresh();

  // The drawer follows the alarm's newest state as the list refreshes.
  const current = opened && query.data?.items.find((a) => a.id === opened.id);
  const shown = current ?? opened;

  const [site, setSite] = useState(view.site);
  useEffect(() => setSite(view.site), [view.site]);
  useEffect(() => {
    if (site === view.site) return;
    const timer = setTimeout(() => void setView({ site, page: 1 }, { history: "replace" }), 300);
    return () => clearTimeout(timer);
  }, [site, view.site, setView]);

  const state: DataTableState = {
    pagination: { pageIndex: Math.max(1, view.page) - 1, pageSize: view.size },
    sorting: [],
    columnFilters: [],
    columnVisibility: {},
    rowSelection: selection,
  };
  const status = tableStatusOf(query);
  const filtered = Boolean(view.severity || view.site || view.rule || view.device || view.status !== "open");

  return (
    <>
      <AlarmLiveNote status={live} />
      <DataTable
        label="Alarms"
        columns={columns}
        data={query.data?.items ?? []}
        rowCount={query.data?.total ?? 0}
        getRowId={(alarm) => alarm.id}
        state={state}
        status={status}
        pageSizes={[...alarmPageSizes]}
        maxHeight="calc(100svh - 18rem)"
        onPaginationChange={(updater) => {
          const next = apply(updater, state.pagination);
          void setView({
            page: next.pageSize === view.size ? next.pageIndex + 1 : 1,
            size: next.pageSize as (typeof alarmPageSizes)[number],
          });
        }}
        onSortingChange={() => {}}
        onRowSelectionChange={canAck ? (updater) => setSelection((old) => apply(updater, old)) : undefined}
        bulkActions={
          canAck
            ? (ids, clear) => (
                <>
                  <Button
                    size="sm"
                    onClick={() => {
                      setPending({ action: "acknowledge", ids });
                      clear();
                    }}
                  >
                    Acknowledge selected
                  </Button>
                  <Button
                    size="sm"
                    variant="outline"
                    onClick={() => {
                      setPending({ action: "clear", ids });
                      clear();
                    }}
                  >
                    Clear selected
                  </Button>
                </>
              )
            : undefined
        }
        toolbar={() => (
          <>
            <Select
              value={view.status}
              onValueChange={(value) => void setView({ status: value as typeof view.status, page: 1 })}
            >
              <SelectTrigger size="sm" aria-label="Status" className="w-44">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {(["open", "active", "acknowledged", "cleared", "all"] as const).map((s) => (
                  <SelectItem key={s} value={s}>
                    {statusLabels[s]}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            <Select
              value={view.severity ?? all}
              onValueChange={(value) =>
                void setView({
                  severity: value === all ? null : (value as (typeof alarmSeverities)[number]),
                  page: 1,
                })
              }
            >
              <SelectTrigger size="sm" aria-label="Severity" className="w-40">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={all}>All severities</SelectItem>
                {alarmSeverities.map((s) => (
                  <SelectItem key={s} value={s}>
                    {severityLabels[s]}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            <Select
              value={view.rule || all}
              onValueChange={(value) => void setView({ rule: value === all ? null : value, page: 1 })}
            >
              <SelectTrigger size="sm" aria-label="Rule" className="w-56">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={all}>All rules</SelectItem>
                {rules.data?.items.map((rule) => (
                  <SelectItem key={rule.id} value={rule.id}>
                    {rule.name}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            <Input
              type="search"
              aria-label="Site"
              placeholder="Site"
              className="h-8 w-40"
              value={site}
              onChange={(event) => setSite(event.target.value)}
            />
            {view.device ? (
              <Button
                size="sm"
                variant="secondary"
                aria-label="Show every device's alarms"
                onClick={() => void setView({ device: null, page: 1 })}
              >
                One device only <X aria-hidden />
              </Button>
            ) : null}
          </>
        )}
        empty={
          filtered ? (
            <div className="grid gap-2">
              <p>No alarm matches these filters.</p>
              <p>
                <Link href="/alarms" className="underline underline-offset-4">
                  Show open alarms
                </Link>
              </p>
            </div>
          ) : (
            <div className="grid gap-2">
              <p>No open alarms: every device is within its rules.</p>
              <p>
                Alarms appear here as soon as a{" "}
                <Link href="/alarms/rules" className="underline underline-offset-4">
                  rule
                </Link>{" "}
                fires.
              </p>
            </div>
          )
        }
      />
      <LazyAlarmDrawer alarm={shown} onClose={() => setOpened(undefined)} />
      <LazyAlarmActionDialog
        action={pending?.action ?? null}
        ids={pending?.ids ?? []}
        onClose={(changed) => {
          setPending(null);
          if (changed) setSelection({});
        }}
      />
    </>
  );
}
