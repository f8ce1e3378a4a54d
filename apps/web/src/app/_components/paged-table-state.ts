import type { DataTableState } from "@revolv/ui/data-table";

/**
 * The state of a server-paged table that neither sorts, filters, hides columns nor selects rows:
 * only its 1-based `page` (a page below 1 from a hand-edited URL reads as the first) of `pageSize`.
 */
export function pagedTableState(page: number, pageSize: number): DataTableState {
  return {
    pagination: { pageIndex: Math.max(1, page) - 1, pageSize },
    sorting: [],
    columnFilters: [],
    columnVisibility: {},
    rowSelection: {},
  };
}
