import type { Device } from "@revolv/db/schema";
import { type DeviceStatus, deviceStatuses } from "@revolv/validators";
import type { Meta, StoryObj } from "@storybook/react-vite";
import type { ColumnDef, Updater } from "@tanstack/react-table";
import { useEffect, useState } from "react";
import { expect, fn, waitFor, within } from "storybook/test";
import { DeviceStatusBadge, formatLastSeen } from "../devices/device-status-badge";
import { fixtureDevices, fixtureNow } from "../fixtures/devices";
import { Button } from "../primitives/button";
import { Input } from "../primitives/input";
import { DataTableColumnVisibility } from "./column-visibility";
import { DataTable, type DataTableState, type DataTableStatus } from "./data-table";
import { DataTableFacetedFilter } from "./faceted-filter";
import { selectionColumn } from "./selection-column";

const fleet = fixtureDevices(95);

/** Stands in for `device.list`: filters, sorts and pages like the server, answers a tick later. */
function queryFleet(state: DataTableState): Promise<{ items: Device[]; total: number }> {
  const statuses = state.columnFilters.find((f) => f.id === "status")?.value as DeviceStatus[] | undefined;
  const search = (
    state.columnFilters.find((f) => f.id === "name")?.value as string | undefined
  )?.toLowerCase();
  let rows = fleet.filter(
    (d) =>
      (!statuses || statuses.includes(d.status)) &&
      (!search || d.name.toLowerCase().includes(search) || d.serialNumber.toLowerCase().includes(search)),
  );
  const sort = state.sorting[0];
  if (sort) {
    const key = sort.id as keyof Device;
    rows = [...rows].sort((a, b) => {
      const x = String(a[key] instanceof Date ? (a[key] as Date).toISOString() : (a[key] ?? ""));
      const y = String(b[key] instanceof Date ? (b[key] as Date).toISOString() : (b[key] ?? ""));
      return sort.desc ? y.localeCompare(x) : x.localeCompare(y);
    });
  }
  const { pageIndex, pageSize } = state.pagination;
  return new Promise((resolve) =>
    setTimeout(() =>
      resolve({ items: rows.slice(pageIndex * pageSize, (pageIndex + 1) * pageSize), total: rows.length }),
    ),
  );
}

const statusLabels: Record<DeviceStatus, string> = {
  provisioned: "Provisioned",
  online: "Online",
  offline: "Offline",
  maintenance: "Maintenance",
  decommissioned: "Decommissioned",
};

const columns: ColumnDef<Device, never>[] = [
  selectionColumn<Device>((device) => device.name),
  { id: "serialNumber", accessorKey: "serialNumber", header: "Serial", meta: { label: "Serial" } },
  { id: "name", accessorKey: "name", header: "Name", meta: { label: "Name" }, enableHiding: false },
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
    cell: ({ row }) =>
      row.original.lastSeenAt ? (
        <time dateTime={row.original.lastSeenAt.toISOString()}>
          {formatLastSeen(row.original.lastSeenAt, fixtureNow)}
        </time>
      ) : (
        <span className="text-muted-foreground">never</span>
      ),
  },
];

const apply = <T,>(updater: Updater<T>, old: T): T =>
  typeof updater === "function" ? (updater as (old: T) => T)(old) : updater;

type Mode = "live" | "loading" | "error" | "empty";

function DeviceTable({
  mode = "live",
  onBulkAcknowledge,
}: {
  mode?: Mode;
  onBulkAcknowledge: (ids: string[]) => void;
}) {
  const [state, setState] = useState<DataTableState>({
    pagination: { pageIndex: 0, pageSize: 25 },
    sorting: [],
    columnFilters: [],
    columnVisibility: {},
    rowSelection: {},
  });
  const [page, setPage] = useState<{ items: Device[]; total: number } | null>(null);
  const set =
    <K extends keyof DataTableState>(key: K) =>
    (updater: Updater<DataTableState[K]>) =>
      setState((old) => ({
        ...old,
        [key]: apply(updater, old[key]),
        // A new filter or order starts over at page 1 (selection is kept: it is by id).
        ...(key === "sorting" || key === "columnFilters"
          ? { pagination: { ...old.pagination, pageIndex: 0 } }
          : {}),
      }));

  // Selection and column visibility are not part of the query: only these refetch.
  const { pagination, sorting, columnFilters } = state;
  useEffect(() => {
    if (mode !== "live") return;
    let current = true;
    setPage(null);
    void queryFleet({ pagination, sorting, columnFilters, columnVisibility: {}, rowSelection: {} }).then(
      (result) => current && setPage(result),
    );
    return () => {
      current = false;
    };
  }, [mode, pagination, sorting, columnFilters]);

  const status: DataTableStatus =
    mode === "error"
      ? {
          kind: "error",
          message: "The server did not answer in time.",
          requestId: "req_01HZX3J8Q9",
          onRetry: () => {},
        }
      : mode === "loading" || (mode === "live" && !page)
        ? { kind: "loading" }
        : { kind: "ready" };
  const search = (state.columnFilters.find((f) => f.id === "name")?.value as string | undefined) ?? "";

  return (
    <DataTable
      label="Devices"
      columns={columns}
      data={mode === "live" ? (page?.items ?? []) : []}
      rowCount={mode === "live" ? (page?.total ?? 0) : 0}
      getRowId={(device) => device.id}
      state={state}
      status={status}
      onPaginationChange={set("pagination")}
      onSortingChange={set("sorting")}
      onColumnFiltersChange={set("columnFilters")}
      onColumnVisibilityChange={set("columnVisibility")}
      onRowSelectionChange={set("rowSelection")}
      maxHeight="24rem"
      toolbar={(table) => (
        <>
          <Input
            aria-label="Search devices"
            placeholder="Search name or serial"
            className="h-8 w-56"
            value={search}
            onChange={(event) => table.getColumn("name")?.setFilterValue(event.target.value || undefined)}
          />
          <DataTableFacetedFilter
            column={table.getColumn("status") as never}
            title="Status"
            options={deviceStatuses.map((value) => ({
              value,
              label: statusLabels[value],
              count: fleet.filter((d) => d.status === value).length,
            }))}
          />
          <DataTableColumnVisibility table={table} />
        </>
      )}
      bulkActions={(ids, clear) => (
        <Button
          size="sm"
          onClick={() => {
            onBulkAcknowledge(ids);
            clear();
          }}
        >
          Put {ids.length} in maintenance
        </Button>
      )}
      empty={
        <div className="grid gap-2">
          <p>No devices yet.</p>
          <p>Register the first one, or run the simulator.</p>
        </div>
      }
    />
  );
}

const meta = {
  title: "Data/Device table",
  component: DeviceTable,
  args: { onBulkAcknowledge: fn() },
} satisfies Meta<typeof DeviceTable>;
export default meta;
type Story = StoryObj<typeof meta>;

const firstNames = (table: HTMLElement) =>
  within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) => within(row).getAllByRole("cell")[2]?.textContent);

export const Default: Story = {
  tags: ["screenshot"],
  play: async ({ canvas }) => {
    await waitFor(() =>
      expect(canvas.getByRole("table", { name: "Devices" })).toHaveAttribute("aria-busy", "false"),
    );
  },
};
export const Loading: Story = { tags: ["screenshot"], args: { mode: "loading" } };
export const Empty: Story = { args: { mode: "empty" } };
export const ErrorWithRequestId: Story = {
  args: { mode: "error" },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("alert")).toHaveTextContent("req_01HZX3J8Q9");
  },
};

export const SortsOnTheServer: Story = {
  play: async ({ canvas, userEvent }) => {
    const table = canvas.getByRole("table", { name: "Devices" });
    await waitFor(() => expect(table).toHaveAttribute("aria-busy", "false"));
    await userEvent.click(canvas.getByRole("button", { name: "Name" }));
    await waitFor(() =>
      expect(canvas.getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "ascending"),
    );
    await waitFor(() => {
      const names = firstNames(table);
      expect(names[0]).toBe([...fleet.map((d) => d.name)].sort((a, b) => a.localeCompare(b))[0]);
    });
    await userEvent.click(canvas.getByRole("button", { name: "Name" }));
    await waitFor(() =>
      expect(canvas.getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "descending"),
    );
    await waitFor(() => {
      const names = firstNames(table);
      expect(names[0]).toBe([...fleet.map((d) => d.name)].sort((a, b) => b.localeCompare(a))[0]);
    });
  },
};

export const PagesOnTheServer: Story = {
  play: async ({ canvas, userEvent }) => {
    const table = canvas.getByRole("table", { name: "Devices" });
    await waitFor(() => expect(canvas.getByText("Page 1 of 4")).toBeVisible());
    await expect(canvas.getByText("1–25 of 95")).toBeVisible();
    await userEvent.click(canvas.getByRole("button", { name: "Next page" }));
    await waitFor(() => expect(canvas.getByText("26–50 of 95")).toBeVisible());
    await waitFor(() => expect(firstNames(table)[0]).toBe(fleet[25]?.name));
    await userEvent.click(canvas.getByRole("button", { name: "Last page" }));
    await waitFor(() => expect(canvas.getByText("76–95 of 95")).toBeVisible());
    await expect(canvas.getByRole("button", { name: "Next page" })).toBeDisabled();
  },
};

export const SelectsAcrossPages: Story = {
  play: async ({ canvas, userEvent, args }) => {
    const table = canvas.getByRole("table", { name: "Devices" });
    await waitFor(() => expect(table).toHaveAttribute("aria-busy", "false"));
    const [first, second] = [fleet[0], fleet[1]] as [Device, Device];
    await userEvent.click(canvas.getByRole("checkbox", { name: `Select ${first.name}` }));
    await userEvent.click(canvas.getByRole("checkbox", { name: `Select ${second.name}` }));
    await expect(canvas.getByRole("region", { name: "Selection" })).toHaveTextContent("2 selected");

    await userEvent.click(canvas.getByRole("button", { name: "Next page" }));
    const onPage2 = fleet[30] as Device;
    await userEvent.click(await canvas.findByRole("checkbox", { name: `Select ${onPage2.name}` }));
    await expect(canvas.getByRole("region", { name: "Selection" })).toHaveTextContent("3 selected");

    await userEvent.click(canvas.getByRole("button", { name: "Previous page" }));
    await waitFor(() => expect(canvas.getByRole("checkbox", { name: `Select ${first.name}` })).toBeChecked());
    await expect(
      canvas.getByRole("checkbox", { name: "Select all rows on this page" }),
    ).toBePartiallyChecked();

    await userEvent.click(canvas.getByRole("button", { name: "Put 3 in maintenance" }));
    await expect(args.onBulkAcknowledge).toHaveBeenCalledWith([first.id, second.id, onPage2.id]);
    await expect(canvas.queryByRole("region", { name: "Selection" })).not.toBeInTheDocument();
  },
};

export const FiltersByFacetAndHidesColumns: Story = {
  play: async ({ canvas, userEvent }) => {
    const body = within(document.body);
    await waitFor(() => expect(canvas.getByText("Page 1 of 4")).toBeVisible());
    await userEvent.click(canvas.getByRole("button", { name: "Status" }));
    await userEvent.click(await body.findByRole("checkbox", { name: "Offline" }));
    const offline = fleet.filter((d) => d.status === "offline").length;
    await waitFor(() => expect(canvas.getByText(`1–${offline} of ${offline}`)).toBeVisible());
    await userEvent.keyboard("{Escape}");
    await userEvent.click(canvas.getByRole("button", { name: "Columns" }));
    await userEvent.click(await body.findByRole("menuitemcheckbox", { name: "Site" }));
    await userEvent.keyboard("{Escape}");
    await waitFor(() => expect(canvas.queryByRole("columnheader", { name: "Site" })).not.toBeInTheDocument());
  },
};
