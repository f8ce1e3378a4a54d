import type { ColumnDef } from "@tanstack/react-table";
import { Checkbox } from "../primitives/checkbox";

/** The checkbox column: the header selects the rows of this page, rows select themselves. */
export function selectionColumn<TData>(rowLabel: (row: TData) => string): ColumnDef<TData, never> {
  return {
    id: "select",
    size: 40,
    enableSorting: false,
    enableHiding: false,
    header: ({ table }) => (
      <Checkbox
        className="align-middle"
        aria-label="Select all rows on this page"
        checked={
          table.getIsAllPageRowsSelected()
            ? true
            : table.getIsSomePageRowsSelected()
              ? "indeterminate"
              : false
        }
        onCheckedChange={(on) => table.toggleAllPageRowsSelected(on === true)}
      />
    ),
    cell: ({ row }) => (
      <Checkbox
        className="align-middle"
        aria-label={`Select ${rowLabel(row.original)}`}
        checked={row.getIsSelected()}
        onCheckedChange={(on) => row.toggleSelected(on === true)}
      />
    ),
  };
}
