import type { ReactNode } from "react";

/**
 * A read-only first page for lists that do not yet have their full data table (users, audit);
 * the devices page shows the server-paged table these will move to.
 */
export function SimpleTable({
  label,
  headers,
  rows,
  total,
}: {
  label: string;
  headers: string[];
  rows: { id: string; cells: ReactNode[] }[];
  total: number;
}) {
  return (
    <div className="grid gap-2">
      <div className="overflow-auto rounded-md border">
        <table aria-label={label} className="w-full text-sm">
          <thead>
            <tr className="border-b">
              {headers.map((header) => (
                <th
                  key={header}
                  scope="col"
                  className="h-10 px-3 text-left font-medium text-muted-foreground"
                >
                  {header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-b last:border-0">
                {row.cells.map((cell, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional in a row
                  <td key={index} className="h-11 whitespace-nowrap px-3">
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-muted-foreground text-sm">
        {rows.length < total ? `The first ${rows.length} of ${total}` : `${total} in all`}
      </p>
    </div>
  );
}
