import type { Table } from "@tanstack/react-table";
import { lazy } from "react";
import { FirstUse } from "../primitives/first-use";
import { ColumnsButton } from "./columns-button";

const loadMenu = () => import("./column-visibility-menu");
const ColumnVisibilityMenu = lazy(loadMenu);

/**
 * Columns a user may hide; a column's `meta.label` names it here (its header may be a node).
 * The menu loads on first use (see `FirstUse`), not with the table.
 */
export function DataTableColumnVisibility<TData>({ table }: { table: Table<TData> }) {
  return (
    <FirstUse
      preload={loadMenu}
      trigger={(wake) => <ColumnsButton aria-haspopup="menu" aria-expanded={false} {...wake} />}
    >
      <ColumnVisibilityMenu table={table as Table<unknown>} />
    </FirstUse>
  );
}
