import {
  type ColumnDef,
  type ColumnFiltersState,
  flexRender,
  getCoreRowModel,
  type OnChangeFn,
  type PaginationState,
  type RowSelectionState,
  type SortingState,
  type Table as TanstackTable,
  useReactTable,
  type VisibilityState,
} from "@tanstack/react-table";
import { AlertTriangle, ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "../primitives/button";
import { Skeleton } from "../primitives/skeleton";
import { DataTablePagination } from "./pagination";

/** Everything the server needs to answer for one page; the caller owns it (e.g. in the URL). */
export type DataTableState = {
  pagination: PaginationState;
  sorting: SortingState;
  columnFilters: ColumnFiltersState;
  columnVisibility: VisibilityState;
  rowSelection: RowSelectionState;
};

export type DataTableStatus =
  | { kind: "loading" }
  | { kind: "ready" }
  | { kind: "error"; message: string; requestId?: string; onRetry?: () => void };

export type DataTableProps<TData> = {
  /** Accessible name of the table, e.g. "Devices". */
  label: string;
  columns: ColumnDef<TData, never>[];
  /** The rows of the current page only. */
  data: TData[];
  /** Rows matching the filters on the server, across all pages. */
  rowCount: number;
  /** A stable id per row: selection is kept by id, so it survives paging. */
  getRowId: (row: TData) => string;
  state: DataTableState;
  onPaginationChange: OnChangeFn<PaginationState>;
  onSortingChange: OnChangeFn<SortingState>;
  onColumnFiltersChange?: OnChangeFn<ColumnFiltersState>;
  onColumnVisibilityChange?: OnChangeFn<VisibilityState>;
  onRowSelectionChange?: OnChangeFn<RowSelectionState>;
  status: DataTableStatus;
  /** Filters, search and the column menu, given the table instance. */
  toolbar?: (table: TanstackTable<TData>) => ReactNode;
  /** Actions for the selected row ids; shown in a bar while anything is selected. */
  bulkActions?: (selectedIds: string[], clear: () => void) => ReactNode;
  /** What to do next when nothing matches ("Register a device", "Clear filters"). */
  empty?: ReactNode;
  pageSizes?: number[];
  /** Height of the scrolling body; the header sticks to its top. */
  maxHeight?: string;
};

/**
 * A table paged, sorted and filtered on the server: TanStack Table in manual mode, every piece
 * of state controlled by the caller.
 */
export function DataTable<TData>({
  label,
  columns,
  data,
  rowCount,
  getRowId,
  state,
  onPaginationChange,
  onSortingChange,
  onColumnFiltersChange,
  onColumnVisibilityChange,
  onRowSelectionChange,
  status,
  toolbar,
  bulkActions,
  empty,
  pageSizes,
  maxHeight = "32rem",
}: DataTableProps<TData>) {
  const table = useReactTable({
    data,
    // Widened: TypeScript's variance check of `never` here depends on the order the app's files
    // are checked in, and fails the app's build for some callers (e.g. the alarm console).
    columns: columns as ColumnDef<TData, unknown>[],
    rowCount,
    getRowId,
    state,
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    enableRowSelection: !!onRowSelectionChange,
    enableMultiSort: false,
    onPaginationChange,
    onSortingChange,
    onColumnFiltersChange,
    onColumnVisibilityChange,
    onRowSelectionChange,
    getCoreRowModel: getCoreRowModel(),
  });
  const selectedIds = Object.keys(state.rowSelection).filter((id) => state.rowSelection[id]);
  const visibleColumns = table.getVisibleLeafColumns().length;

  return (
    <div data-slot="data-table" className="grid gap-3">
      {toolbar ? <div className="flex flex-wrap items-center gap-2">{toolbar(table)}</div> : null}
      {bulkActions && selectedIds.length > 0 ? (
        <section
          data-slot="data-table-bulk-bar"
          aria-label="Selection"
          className="flex flex-wrap items-center gap-2 rounded-md border bg-accent px-3 py-2 text-sm text-accent-foreground"
        >
          <span className="font-medium" aria-live="polite">
            {selectedIds.length} selected
          </span>
          <div className="ml-auto flex flex-wrap gap-2">
            {bulkActions(selectedIds, () => table.resetRowSelection(true))}
            <Button variant="ghost" size="sm" onClick={() => table.resetRowSelection(true)}>
              Clear selection
            </Button>
          </div>
        </section>
      ) : null}
      <div className="relative overflow-auto rounded-md border" style={{ maxHeight }}>
        <table
          aria-label={label}
          aria-busy={status.kind === "loading"}
          className="w-full caption-bottom text-sm"
        >
          <thead className="sticky top-0 z-10 bg-background shadow-[inset_0_-1px_0_var(--border)]">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={
                        sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined
                      }
                      className="h-10 whitespace-nowrap px-3 text-left align-middle font-medium text-muted-foreground"
                      style={{ width: header.column.columnDef.size }}
                    >
                      {header.isPlaceholder ? null : header.column.getCanSort() ? (
                        <Button
                          variant="ghost"
                          size="sm"
                          className="-ml-3 h-8"
                          onClick={header.column.getToggleSortingHandler()}
                        >
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          {sorted === "asc" ? (
                            <ArrowUp aria-hidden />
                          ) : sorted === "desc" ? (
                            <ArrowDown aria-hidden />
                          ) : (
                            <ArrowUpDown aria-hidden className="opacity-50" />
                          )}
                        </Button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {status.kind === "loading" ? (
              Array.from({ length: Math.min(state.pagination.pageSize, 10) }, (_, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
                <tr key={index} data-slot="data-table-skeleton-row" className="border-b">
                  {table.getVisibleLeafColumns().map((column) => (
                    <td key={column.id} className="h-11 px-3">
                      <Skeleton className="h-4 w-full max-w-40" />
                    </td>
                  ))}
                </tr>
              ))
            ) : status.kind === "error" ? (
              <tr>
                <td colSpan={visibleColumns} className="px-3 py-10">
                  <div role="alert" className="flex flex-col items-center gap-2 text-center">
                    <AlertTriangle className="size-6 text-destructive" aria-hidden />
                    <p className="font-medium">Could not load {label.toLowerCase()}</p>
                    <p className="text-muted-foreground">{status.message}</p>
                    {status.requestId ? (
                      <p className="text-xs text-muted-foreground">
                        Request id <code className="font-mono select-all">{status.requestId}</code>
                      </p>
                    ) : null}
                    {status.onRetry ? (
                      <Button variant="outline" size="sm" onClick={status.onRetry}>
                        Try again
                      </Button>
                    ) : null}
                  </div>
                </td>
              </tr>
            ) : table.getRowModel().rows.length === 0 ? (
              <tr>
                <td colSpan={visibleColumns} className="px-3 py-10 text-center text-muted-foreground">
                  {empty ?? "Nothing matches these filters."}
                </td>
              </tr>
            ) : (
              table.getRowModel().rows.map((row) => (
                <tr
                  key={row.id}
                  data-state={row.getIsSelected() ? "selected" : undefined}
                  className="border-b transition-colors hover:bg-muted/50 data-[state=selected]:bg-muted"
                >
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className="h-11 whitespace-nowrap px-3 align-middle">
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <DataTablePagination table={table} pageSizes={pageSizes} />
    </div>
  );
}
