"use client";

import { buttonVariants } from "@revolv/ui/button";
import { DataTable } from "@revolv/ui/data-table";
import { type ScopedDevice, scopeMatches } from "@revolv/validators";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ColumnDef, PaginationState, Updater } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo, useState } from "react";
import { pagedTableState } from "~/app/_components/paged-table-state";
import { tableStatusOf } from "~/app/_components/table-status";
import { useTRPC } from "~/trpc/react";
import type { AlarmAction } from "../../../_alarms/alarm-action-dialog";
import { type Alarm, alarmColumns } from "../../../_alarms/alarm-columns";
import { AlarmLiveNote, type AlarmLiveStatus } from "../../../_alarms/alarm-live";
import { LazyAlarmActionDialog, LazyAlarmDrawer } from "../../../_alarms/lazy-alarm-overlays";
import { deviceAlarmInputs, deviceAlarmPageSize } from "./alarm-list-input";

type Device = ScopedDevice & { id: string };

function useColumns(
  canAck: boolean,
  open: (alarm: Alarm) => void,
  act: (action: AlarmAction, ids: string[]) => void,
): ColumnDef<Alarm, never>[] {
  return useMemo(
    () => [
      alarmColumns.severity(),
      alarmColumns.rule(open),
      alarmColumns.status(),
      alarmColumns.time("raisedAt", "Raised"),
      alarmColumns.time("acknowledgedAt", "Acknowledged"),
      alarmColumns.time("clearedAt", "Cleared"),
      ...(canAck ? [alarmColumns.actions(act)] : []),
    ],
    [canAck, open, act],
  );
}

/**
 * The device page's Alarms tab: every alarm this device ever raised, open ones first (the
 * console's order), with the console's acknowledge/clear dialog and drawer. The page's alarm feed
 * (`useAlarmLiveRefresh`) refetches it as transitions happen.
 */
export function DeviceAlarms({
  device,
  canAck,
  live,
}: {
  device: Device;
  canAck: boolean;
  live: AlarmLiveStatus;
}) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const query = useQuery({
    ...trpc.alarms.list.queryOptions(deviceAlarmInputs.page(device.id, page)),
    placeholderData: keepPreviousData,
  });
  const [opened, setOpened] = useState<Alarm | undefined>();
  const [pending, setPending] = useState<{ action: AlarmAction; ids: string[] } | null>(null);
  const act = useMemo(() => (action: AlarmAction, ids: string[]) => setPending({ action, ids }), []);
  const columns = useColumns(canAck, setOpened, act);
  const shown = (opened && query.data?.items.find((alarm) => alarm.id === opened.id)) ?? opened;

  const state = pagedTableState(page, deviceAlarmPageSize);

  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <AlarmLiveNote status={live} />
        <Link
          href={`/alarms?device=${device.id}&status=all`}
          className={buttonVariants({ variant: "outline", size: "sm", className: "ml-auto" })}
        >
          Open in the alarm console
        </Link>
      </div>
      <DataTable
        label="Alarms"
        columns={columns}
        data={query.data?.items ?? []}
        rowCount={query.data?.total ?? 0}
        getRowId={(alarm) => alarm.id}
        state={state}
        status={tableStatusOf(query)}
        pageSizes={[deviceAlarmPageSize]}
        maxHeight="36rem"
        onPaginationChange={(updater: Updater<PaginationState>) => {
          const next = typeof updater === "function" ? updater(state.pagination) : updater;
          setPage(next.pageIndex + 1);
        }}
        onSortingChange={() => {}}
        empty={<NoAlarms device={device} />}
      />
      <LazyAlarmDrawer alarm={shown} onClose={() => setOpened(undefined)} />
      <LazyAlarmActionDialog
        action={pending?.action ?? null}
        ids={pending?.ids ?? []}
        onClose={() => setPending(null)}
      />
    </div>
  );
}

/** The empty tab says which rules would raise an alarm here, or that none watches the device. */
function NoAlarms({ device }: { device: Device }) {
  const trpc = useTRPC();
  // The console's query: its first page of rules is usually cached already.
  const rules = useQuery(trpc.alarms.rules.list.queryOptions({ pageSize: 200 }));
  const watching = rules.data?.items.filter((rule) => rule.enabled && scopeMatches(rule.scope, device));
  const rulesLink = (
    <Link href="/alarms/rules" className="underline underline-offset-4">
      rules page
    </Link>
  );
  return (
    <div className="grid gap-2" data-slot="device-alarms-empty">
      <p>No alarms for this device.</p>
      {!watching ? (
        <p>See the {rulesLink} for what is watched.</p>
      ) : watching.length === 0 ? (
        <p>No enabled rule watches it yet; a supervisor can add one on the {rulesLink}.</p>
      ) : (
        <p>
          Rules that watch it: {watching.map((rule) => rule.name).join(", ")} (see the {rulesLink}).
        </p>
      )}
    </div>
  );
}
