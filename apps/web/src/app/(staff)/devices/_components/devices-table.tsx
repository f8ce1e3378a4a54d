"use client";

import type { AppRouter } from "@revolv/api";
import { Badge } from "@revolv/ui/badge";
import { buttonVariants } from "@revolv/ui/button";
import { Checkbox } from "@revolv/ui/checkbox";
import { DataTableColumnVisibility } from "@revolv/ui/column-visibility";
import { DataTable, type DataTableState } from "@revolv/ui/data-table";
import { DeviceStatusBadge, formatLastSeen } from "@revolv/ui/device-status-badge";
import { Input } from "@revolv/ui/input";
import { LocalTime } from "@revolv/ui/local-time";
import { OptionSelect } from "@revolv/ui/option-select";
import { deviceStatuses, deviceTypes } from "@revolv/validators/device-fields";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type {
  ColumnDef,
  RowSelectionState,
  SortingState,
  Updater,
  VisibilityState,
} from "@tanstack/react-table";
import type { inferRouterOutputs } from "@trpc/server";
import { ArrowDown, ArrowUp, ArrowUpDown, FileDown, Plus, Upload } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useQueryStates } from "nuqs";
import { useEffect, useMemo, useState } from "react";
import { LazyDialogButton } from "~/app/_components/lazy-dialog";
import { tableStatusOf } from "~/app/_components/table-status";
import { useTRPC } from "~/trpc/react";
import { canSelectDevices, type DeviceActions, hasRowActions } from "./device-actions";
import { statusLabels, typeLabels } from "./device-labels";
import { DeviceRowMenu, type RowDialog } from "./device-row-actions";
import { deviceListParams, devicePageSizes, exportAddressOf, listInputOf } from "./list-params";

// What a click opens (dialogs, their forms and Zod, the bulk bar, the CSV import) loads on first
// use: the page's first load carries the table only (issue 12's first-load budget).
const loadCreateDialog = () => import("./create-device-dialog");
const loadImportDialog = () => import("./import-devices-dialog");
const CreateDeviceDialog = dynamic(() => loadCreateDialog().then((m) => m.CreateDeviceDialog), {
  ssr: false,
});
const ImportDevicesDialog = dynamic(() => loadImportDialog().then((m) => m.ImportDevicesDialog), {
  ssr: false,
});
const DeviceRowDialog = dynamic(() => import("./device-row-dialog").then((m) => m.DeviceRowDialog), {
  ssr: false,
});
const DeviceBulkActions = dynamic(() => import("./bulk-actions").then((m) => m.DeviceBulkActions), {
  ssr: false,
});

type Device = inferRouterOutputs<AppRouter>["devices"]["list"]["items"][number];

const apply = <T,>(updater: Updater<T>, old: T): T =>
  typeof updater === "function" ? (updater as (old: T) => T)(old) : updater;

const all = "all";
const typeOptions = [
  { value: all, label: "All types" },
  ...deviceTypes.map((type) => ({ value: type, label: typeLabels[type] })),
];
const statusOptions = [
  { value: all, label: "All statuses" },
  ...deviceStatuses.map((status) => ({ value: status, label: statusLabels[status] })),
];

const nameLink = (device: Device) => (
  <Link href={`/devices/${device.id}`} className="font-medium underline-offset-4 hover:underline">
    {device.name}
  </Link>
);

/**
 * The name column. When rows can be selected, the checkboxes sit in it (before the name), so the
 * first cell of a row still names its device; the header then draws its own sort button beside
 * the "select this page" box, since a checkbox may not sit inside the table's sort button.
 */
function nameColumn(selectable: boolean): ColumnDef<Device, never> {
  const plain: ColumnDef<Device, never> = {
    id: "name",
    accessorKey: "name",
    header: "Name",
    meta: { label: "Name" },
    enableHiding: false,
    cell: ({ row }) => nameLink(row.original),
  };
  if (!selectable) return plain;
  return {
    ...plain,
    enableSorting: false,
    header: ({ table, column }) => {
      const sorted = column.getIsSorted();
      return (
        <div className="flex items-center gap-3">
          <Checkbox
            aria-label="Select all devices on this page"
            checked={
              table.getIsAllPageRowsSelected()
                ? true
                : table.getIsSomePageRowsSelected()
                  ? "indeterminate"
                  : false
            }
            onCheckedChange={(on) => table.toggleAllPageRowsSelected(on === true)}
          />
          <button
            type="button"
            className={buttonVariants({ variant: "ghost", size: "sm", className: "-ml-3 h-8" })}
            onClick={() => table.setSorting([{ id: "name", desc: sorted === "asc" }])}
          >
            Name
            {sorted === "asc" ? (
              <ArrowUp aria-hidden />
            ) : sorted === "desc" ? (
              <ArrowDown aria-hidden />
            ) : (
              <ArrowUpDown aria-hidden className="opacity-50" />
            )}
          </button>
        </div>
      );
    },
    cell: ({ row }) => (
      <div className="flex items-center gap-3">
        <Checkbox
          aria-label={`Select ${row.original.name}`}
          checked={row.getIsSelected()}
          onCheckedChange={(on) => row.toggleSelected(on === true)}
        />
        {nameLink(row.original)}
      </div>
    ),
  };
}

function useColumns(
  now: Date,
  actions: DeviceActions,
  openRowDialog: (dialog: NonNullable<RowDialog>) => void,
): ColumnDef<Device, never>[] {
  return useMemo(
    () => [
      nameColumn(canSelectDevices(actions)),
      { id: "serialNumber", accessorKey: "serialNumber", header: "Serial", meta: { label: "Serial" } },
      {
        id: "type",
        accessorKey: "type",
        header: "Type",
        meta: { label: "Type" },
        enableSorting: false,
        cell: ({ row }) => typeLabels[row.original.type],
      },
      { id: "site", accessorKey: "site", header: "Site", meta: { label: "Site" } },
      {
        id: "status",
        accessorKey: "status",
        header: "Status",
        meta: { label: "Status" },
        enableSorting: false,
        cell: ({ row }) => <DeviceStatusBadge status={row.original.status} />,
      },
      {
        id: "lastSeenAt",
        accessorKey: "lastSeenAt",
        header: "Last seen",
        meta: { label: "Last seen" },
        sortDescFirst: true,
        cell: ({ row }) =>
          row.original.lastSeenAt ? (
            <time
              dateTime={row.original.lastSeenAt.toISOString()}
              title={row.original.lastSeenAt.toISOString()}
            >
              {formatLastSeen(row.original.lastSeenAt, now)}
            </time>
          ) : (
            <span className="text-muted-foreground">never</span>
          ),
      },
      {
        id: "tags",
        accessorKey: "tags",
        header: "Tags",
        meta: { label: "Tags" },
        enableSorting: false,
        cell: ({ row }) => (
          <span className="flex gap-1">
            {row.original.tags.map((tag) => (
              <Badge key={tag} variant="secondary" className="font-normal">
                {tag}
              </Badge>
            ))}
          </span>
        ),
      },
      {
        id: "createdAt",
        accessorKey: "createdAt",
        header: "Registered",
        meta: { label: "Registered" },
        sortDescFirst: true,
        cell: ({ row }) => <LocalTime value={row.original.createdAt} format="date" />,
      },
      ...(hasRowActions(actions)
        ? [
            {
              id: "actions",
              header: () => <span className="sr-only">Actions</span>,
              size: 48,
              enableSorting: false,
              enableHiding: false,
              cell: ({ row }) => (
                <DeviceRowMenu device={row.original} actions={actions} open={openRowDialog} />
              ),
            } satisfies ColumnDef<Device, never>,
          ]
        : []),
    ],
    [now, actions, openRowDialog],
  );
}

type TextParam = "q" | "site" | "tag";

/** The device list: paged, sorted and filtered by the server, its whole view kept in the URL. */
export function DevicesTable({ actions }: { actions: DeviceActions }) {
  const trpc = useTRPC();
  const [view, setView] = useQueryStates(deviceListParams, { history: "push" });
  const query = useQuery({
    ...trpc.devices.list.queryOptions(listInputOf(view)),
    placeholderData: keepPreviousData,
  });
  const [now] = useState(() => new Date());
  const [rowDialog, setRowDialog] = useState<RowDialog>(null);
  const columns = useColumns(now, actions, setRowDialog);
  // Selection is kept by device id, so it survives paging; a bulk action clears it.
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const selectable = canSelectDevices(actions);

  // Typing is kept locally and reaches the URL (and the server) once it pauses.
  const [typed, setTyped] = useState<Record<TextParam, string>>({
    q: view.q,
    site: view.site,
    tag: view.tag,
  });
  useEffect(() => setTyped({ q: view.q, site: view.site, tag: view.tag }), [view.q, view.site, view.tag]);
  useEffect(() => {
    const changed = (["q", "site", "tag"] as const).filter((key) => typed[key] !== view[key]);
    if (changed.length === 0) return;
    const timer = setTimeout(
      () =>
        void setView(
          { ...Object.fromEntries(changed.map((key) => [key, typed[key] || null])), page: 1 },
          { history: "replace" },
        ),
      300,
    );
    return () => clearTimeout(timer);
  }, [typed, view, setView]);
  const textFilter = (key: TextParam, label: string, placeholder: string, width: string) => (
    <Input
      type="search"
      aria-label={label}
      placeholder={placeholder}
      className={`h-8 ${width}`}
      value={typed[key]}
      onChange={(event) => setTyped({ ...typed, [key]: event.target.value })}
    />
  );

  const state: DataTableState = {
    pagination: { pageIndex: Math.max(1, view.page) - 1, pageSize: view.size },
    sorting: [{ id: view.sort, desc: view.dir === "desc" }],
    columnFilters: [],
    columnVisibility: Object.fromEntries(view.hide.map((id) => [id, false])),
    rowSelection,
  };

  const status = tableStatusOf(query);

  const filtered = Boolean(view.q || view.type || view.status || view.site || view.tag || view.attention);

  return (
    <>
      <DataTable
        label="Devices"
        columns={columns}
        data={query.data?.items ?? []}
        rowCount={query.data?.total ?? 0}
        getRowId={(device) => device.id}
        state={state}
        status={status}
        pageSizes={[...devicePageSizes]}
        maxHeight="calc(100svh - 16rem)"
        onPaginationChange={(updater) => {
          const next = apply(updater, state.pagination);
          void setView({
            page: next.pageSize === view.size ? next.pageIndex + 1 : 1,
            size: next.pageSize as (typeof devicePageSizes)[number],
          });
        }}
        onSortingChange={(updater) => {
          const [next] = apply<SortingState>(updater, state.sorting);
          // A third click clears the order; the list falls back to newest first.
          void setView({
            sort: (next?.id as typeof view.sort | undefined) ?? null,
            dir: next ? (next.desc ? "desc" : "asc") : null,
            page: 1,
          });
        }}
        onRowSelectionChange={selectable ? setRowSelection : undefined}
        bulkActions={
          selectable
            ? (ids, clear) => <DeviceBulkActions ids={ids} clear={clear} actions={actions} />
            : undefined
        }
        onColumnVisibilityChange={(updater) => {
          const next = apply<VisibilityState>(updater, state.columnVisibility);
          const hidden = Object.entries(next)
            .filter(([, visible]) => !visible)
            .map(([id]) => id);
          void setView({ hide: hidden.length ? hidden : null }, { history: "replace" });
        }}
        toolbar={(table) => (
          <>
            {textFilter("q", "Search devices", "Search name or serial", "w-56")}
            <OptionSelect
              size="sm"
              aria-label="Type"
              className="w-48"
              value={view.type ?? all}
              options={typeOptions}
              onValueChange={(value) =>
                void setView({
                  type: value === all ? null : (value as (typeof deviceTypes)[number]),
                  page: 1,
                })
              }
            />
            <OptionSelect
              size="sm"
              aria-label="Status"
              className="w-40"
              value={view.status ?? all}
              options={statusOptions}
              onValueChange={(value) =>
                void setView({
                  status: value === all ? null : (value as (typeof deviceStatuses)[number]),
                  page: 1,
                })
              }
            />
            {textFilter("site", "Site", "Site", "w-32")}
            {textFilter("tag", "Tag", "Tag", "w-32")}
            <DataTableColumnVisibility table={table} />
            <a
              href={exportAddressOf(view)}
              download
              className={buttonVariants({ variant: "outline", size: "sm" })}
              title="Every device matching these filters, in this order"
            >
              <FileDown aria-hidden /> Export CSV
            </a>
            {actions.create ? (
              <LazyDialogButton
                variant="outline"
                size="sm"
                dialog={ImportDevicesDialog}
                preload={loadImportDialog}
              >
                <Upload /> Import CSV
              </LazyDialogButton>
            ) : null}
            {actions.create ? (
              <LazyDialogButton size="sm" dialog={CreateDeviceDialog} preload={loadCreateDialog}>
                <Plus /> Register device
              </LazyDialogButton>
            ) : null}
          </>
        )}
        empty={
          filtered ? (
            <div className="grid gap-2">
              <p>No device matches these filters.</p>
              <p>
                <Link href="/devices" className="underline underline-offset-4">
                  Clear the filters
                </Link>
              </p>
            </div>
          ) : (
            <div className="grid gap-2">
              <p>No devices yet.</p>
              <p>
                {actions.create
                  ? "Register the first one with “Register device”, or run the simulator (pnpm simulate)."
                  : "Devices appear here once a supervisor registers them."}
              </p>
            </div>
          )
        }
      />
      {rowDialog ? <DeviceRowDialog dialog={rowDialog} close={() => setRowDialog(null)} /> : null}
    </>
  );
}
