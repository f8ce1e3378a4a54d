"use client";

import { cn } from "@revolv/ui";

type Row = { field: string; before: unknown; after: unknown; changed: boolean };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Field by field: every key of either side, the changed ones first. */
export function diffRows(before: unknown, after: unknown): Row[] {
  if (!isRecord(before) && !isRecord(after)) {
    return [{ field: "value", before, after, changed: JSON.stringify(before) !== JSON.stringify(after) }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const rows = fields.map((field) => ({
    field,
    before: b[field],
    after: a[field],
    changed: JSON.stringify(b[field]) !== JSON.stringify(a[field]),
  }));
  return [...rows.filter((r) => r.changed), ...rows.filter((r) => !r.changed)];
}

function show(value: unknown) {
  if (value === undefined) return <span className="text-muted-foreground">—</span>;
  if (value === null) return <span className="text-muted-foreground">null</span>;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The before/after of one audit event as a table; changed fields highlighted and listed first. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const rows = diffRows(before, after);
  if (before == null && after == null)
    return <p className="text-muted-foreground text-sm">No data recorded.</p>;
  return (
    <table className="w-full table-fixed text-sm" aria-label="Changes">
      <thead>
        <tr className="border-b text-left text-muted-foreground">
          <th scope="col" className="w-1/4 py-2 pr-2 font-medium">
            Field
          </th>
          <th scope="col" className="py-2 pr-2 font-medium">
            Before
          </th>
          <th scope="col" className="py-2 font-medium">
            After
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={row.field}
            data-changed={row.changed || undefined}
            className={cn("border-b align-top last:border-0", row.changed && "bg-warning/10")}
          >
            <th scope="row" className="break-words py-2 pr-2 text-left font-medium">
              {row.field}
            </th>
            <td className={cn("break-all py-2 pr-2 font-mono text-xs", row.changed && "text-destructive")}>
              {show(row.before)}
            </td>
            <td
              className={cn("break-all py-2 font-mono text-xs", row.changed && "font-semibold text-success")}
            >
              {show(row.after)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
