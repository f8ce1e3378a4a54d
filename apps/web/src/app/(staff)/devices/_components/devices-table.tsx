"use client";

import type { AppRouter } from "@revolv/api";
import { DataTableColumnVisibility } from "@revolv/ui/column-visibility";
import { DataTable, type DataTableState, type DataTableStatus } from "@revolv/ui/data-table";
import { DeviceStatusBadge, formatLastSeen } from "@revolv/ui/device-status-badge";
import { Input } from "@revolv/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@revolv/ui/select";
import { deviceStatuses, deviceTypes } from "@revolv/validators";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ColumnDef, SortingState, Updater, VisibilityState } from "@tanstack/react-table";
import { TRPCClientError } from "@trpc/client";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useQueryStates } from "nuqs";
import { useEffect, useMemo, useState } from "react";
import { useTRPC } from "~/trpc/react";
import { CreateDeviceDialog } from "./create-device-dialog";
import { statusLabels, typeLabels } from "./device-labels";
import { deviceListParams, devicePageSizes, listInputOf } from "./list-params";

type Device = inferRouterOutputs<AppRouter>["devices"]["list"]["items"][number];

const apply = <T,>(updater: Updater<T>, old: T): T =>
  typeof updater === "function" ? (updater as (old: T) => T)(old) : updater;

const all = "all";

function useColumns(now: Date): ColumnDef<Device, never>[] {
  return useMemo(
    () => [
      {
        id: "name",
        accessorKey: "name",
        header: "Name",
        meta: { label: "Name" },
        enableHiding: false,
        cell: ({ row }) => (
          <Link
            href={`/devices/${row.original.id}`}
            className="font-medium underline-offset-4 hover:underline"
          >
            {row.original.name}
          </Link>
        ),
      },
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
        id: "createdAt",
        accessorKey: "createdAt",
        header: "Registered",
        meta: { label: "Registered" },
        sortDescFirst: true,
        cell: ({ row }) => (
          <time dateTime={row.original.createdAt.toISOString()} title={row.original.createdAt.toISOString()}>
            {row.original.createdAt.toLocaleDateString("en-GB", { dateStyle: "medium" })}
          </time>
        ),
      },
    ],
    [now],
  );
}

/** The device list: paged, sorted and filtered by the server, its whole view kept in the URL. */
export function DevicesTable({ canCreate }: { canCreate: boolean }) {
  const trpc = useTRPC();
  const [view, setView] = useQueryStates(deviceListParams, { history: "push" });
  const query = useQuery({
    ...trpc.devices.list.queryOptions(listInputOf(view)),
    placeholderData: keepPreviousData,
  });
  const [now] = useState(() => new Date());
  const columns = useColumns(now);

  // Typing is kept locally and reaches the URL (and the server) once it pauses.
  const [search, setSearch] = useState(view.q);
  useEffect(() => setSearch(view.q), [view.q]);
  useEffect(() => {
    if (search === view.q) return;
    const timer = setTimeout(() => void setView({ q: search, page: 1 }, { history: "replace" }), 300);
    return () => clearTimeout(timer);
  }, [search, view.q, setView]);

  const state: DataTableState = {
    pagination: { pageIndex: Math.max(1, view.page) - 1, pageSize: view.size },
    sorting: [{ id: view.sort, desc: view.dir === "desc" }],
    columnFilters: [],
    columnVisibility: Object.fromEntries(view.hide.map((id) => [id, false])),
    rowSelection: {},
  };

  const status: DataTableStatus = query.isError
    ? {
        kind: "error",
        message: query.error.message,
        requestId:
          query.error instanceof TRPCClientError
            ? (query.error.data as { requestId?: string } | undefined)?.requestId
            : undefined,
        onRetry: () => void query.refetch(),
      }
    : // While a new view loads, the table says so (aria-busy, skeleton rows) rather than
      // showing the previous view's rows as if they answered the new one.
      query.isPending || query.isPlaceholderData
      ? { kind: "loading" }
      : { kind: "ready" };

  const filtered = Boolean(view.q || view.type || view.status || view.attention);

  return (
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
      onColumnVisibilityChange={(updater) => {
        const next = apply<VisibilityState>(updater, state.columnVisibility);
        const hidden = Object.entries(next)
          .filter(([, visible]) => !visible)
          .map(([id]) => id);
        void setView({ hide: hidden.length ? hidden : null }, { history: "replace" });
      }}
      toolbar={(table) => (
        <>
          <Input
            type="search"
            aria-label="Search devices"
            placeholder="Search name or serial"
            className="h-8 w-56"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
          <Select
            value={view.type ?? all}
            onValueChange={(value) =>
              void setView({ type: value === all ? null : (value as (typeof deviceTypes)[number]), page: 1 })
            }
          >
            <SelectTrigger size="sm" aria-label="Type" className="w-48">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={all}>All types</SelectItem>
              {deviceTypes.map((type) => (
                <SelectItem key={type} value={type}>
                  {typeLabels[type]}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <Select
            value={view.status ?? all}
            onValueChange={(value) =>
              void setView({
                status: value === all ? null : (value as (typeof deviceStatuses)[number]),
                page: 1,
              })
            }
          >
            <SelectTrigger size="sm" aria-label="Status" className="w-40">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={all}>All statuses</SelectItem>
              {deviceStatuses.map((status) => (
                <SelectItem key={status} value={status}>
                  {statusLabels[status]}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <DataTableColumnVisibility table={table} />
          {canCreate ? <CreateDeviceDialog /> : null}
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
              {canCreate
                ? "Register the first one with “Register device”, or run the simulator (pnpm simulate)."
                : "Devices appear here once a supervisor registers them."}
            </p>
          </div>
        )
      }
    />
  );
}
