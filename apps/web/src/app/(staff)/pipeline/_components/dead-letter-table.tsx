"use client";

import type { AppRouter } from "@revolv/api";
import { Badge } from "@revolv/ui/badge";
import { Button } from "@revolv/ui/button";
import { DataTable, type DataTableState } from "@revolv/ui/data-table";
import { LocalTime } from "@revolv/ui/local-time";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@revolv/ui/select";
import { selectionColumn } from "@revolv/ui/selection-column";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ColumnDef, RowSelectionState, Updater } from "@tanstack/react-table";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useQueryStates } from "nuqs";
import { useMemo, useState } from "react";
import { tableStatusOf } from "~/app/_components/table-status";
import { useTRPC } from "~/trpc/react";
import { type DeadLetterAction, DeadLetterActionDialog } from "./dead-letter-action-dialog";
import { deadLetterInputOf, deadLetterPageSize, deadLetterParams } from "./pipeline-params";

type DeadLetter = inferRouterOutputs<AppRouter>["pipeline"]["deadLetters"]["items"][number];

const apply = <T,>(updater: Updater<T>, old: T): T =>
  typeof updater === "function" ? (updater as (old: T) => T)(old) : updater;

const all = "all";
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function useColumns(canManage: boolean): ColumnDef<DeadLetter, never>[] {
  return useMemo(() => {
    const columns: ColumnDef<DeadLetter, never>[] = [
      {
        id: "reason",
        header: "Reason",
        cell: ({ row }) => (
          <div className="grid gap-1">
            <Badge variant="outline" className="w-fit max-w-56 whitespace-normal break-all font-mono">
              {row.original.reason}
            </Badge>
            {row.original.detail ? (
              <span className="max-w-md text-muted-foreground text-xs">{row.original.detail}</span>
            ) : null}
          </div>
        ),
      },
      {
        id: "device",
        header: "Device",
        cell: ({ row }) => {
          const id = row.original.deviceId;
          if (!id) return <span className="text-muted-foreground">not named</span>;
          return uuid.test(id) ? (
            <Link href={`/devices/${id}`} className="font-mono text-xs underline-offset-4 hover:underline">
              {id}
            </Link>
          ) : (
            <span className="font-mono text-xs">{id}</span>
          );
        },
      },
      {
        id: "received",
        header: "Dead-lettered",
        cell: ({ row }) =>
          row.original.deadLetteredAt ? <LocalTime value={row.original.deadLetteredAt} /> : "—",
      },
      {
        id: "body",
        header: "Body",
        cell: ({ row }) => (
          <details className="max-w-xs">
            <summary className="cursor-pointer truncate font-mono text-xs">
              {row.original.body.slice(0, 60) || "(empty)"}
            </summary>
            <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-muted p-2 text-xs">
              {row.original.body}
              {row.original.bodyTruncated ? "\n… (truncated)" : ""}
            </pre>
          </details>
        ),
      },
    ];
    return canManage
      ? [
          selectionColumn<DeadLetter>((letter) => `dead letter ${letter.messageId} (${letter.reason})`),
          ...columns,
        ]
      : columns;
  }, [canManage]);
}

/**
 * The dead-letter queue, read without removing anything (the server receives and releases at
 * once). Admins redrive or purge the chosen ones, or all of the chosen reason, behind a confirmation.
 */
export function DeadLetterTable({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const [view, setView] = useQueryStates(deadLetterParams, { history: "push" });
  const query = useQuery({
    ...trpc.pipeline.deadLetters.queryOptions(deadLetterInputOf(view)),
    placeholderData: keepPreviousData,
  });
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [pending, setPending] = useState<DeadLetterAction | null>(null);
  const columns = useColumns(canManage);

  const state: DataTableState = {
    pagination: { pageIndex: Math.max(1, view.page) - 1, pageSize: deadLetterPageSize },
    sorting: [],
    columnFilters: [],
    columnVisibility: {},
    rowSelection: selection,
  };
  const status = tableStatusOf(query);
  const total = query.data?.total ?? 0;
  const reason = view.reason || undefined;

  return (
    <section aria-label="Dead-letter queue" className="grid gap-2">
      <div className="grid gap-1">
        <h2 className="font-semibold text-lg">Dead-letter queue</h2>
        <p className="text-muted-foreground text-sm">
          Messages the bridge or the worker refused, with why. Reading this list leaves them on the queue.
          {query.data?.more ? " Only the first 500 are listed; act on them to see the rest." : ""}
        </p>
      </div>
      <DataTable
        label="Dead letters"
        columns={columns}
        data={query.data?.items ?? []}
        rowCount={total}
        getRowId={(letter) => letter.messageId}
        state={state}
        status={status}
        pageSizes={[deadLetterPageSize]}
        onPaginationChange={(updater) => {
          const next = apply(updater, state.pagination);
          void setView({ page: next.pageIndex + 1 });
        }}
        onSortingChange={() => {}}
        onRowSelectionChange={canManage ? (updater) => setSelection((old) => apply(updater, old)) : undefined}
        bulkActions={
          canManage
            ? (ids) => (
                <>
                  <Button
                    size="sm"
                    onClick={() =>
                      setPending({ kind: "redrive", selection: { messageIds: ids }, count: ids.length })
                    }
                  >
                    Redrive selected
                  </Button>
                  <Button
                    size="sm"
                    variant="destructive"
                    onClick={() =>
                      setPending({ kind: "purge", selection: { messageIds: ids }, count: ids.length })
                    }
                  >
                    Purge selected
                  </Button>
                </>
              )
            : undefined
        }
        toolbar={() => (
          <>
            <Select
              value={view.reason || all}
              onValueChange={(value) => void setView({ reason: value === all ? null : value, page: 1 })}
            >
              <SelectTrigger size="sm" aria-label="Reason" className="w-56">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={all}>All reasons</SelectItem>
                {query.data?.reasons.map((r) => (
                  <SelectItem key={r.reason} value={r.reason}>
                    {r.reason} ({r.count})
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            {canManage && total > 0 ? (
              <div className="ml-auto flex gap-2">
                <Button
                  size="sm"
                  variant="outline"
                  onClick={() =>
                    setPending({ kind: "redrive", selection: { all: true, reason }, count: total })
                  }
                >
                  {reason ? `Redrive all "${reason}"` : "Redrive all"}
                </Button>
                <Button
                  size="sm"
                  variant="outline"
                  onClick={() =>
                    setPending({ kind: "purge", selection: { all: true, reason }, count: total })
                  }
                >
                  {reason ? `Purge all "${reason}"` : "Purge all"}
                </Button>
              </div>
            ) : null}
          </>
        )}
        empty={
          reason ? (
            <div className="grid gap-2">
              <p>No dead letter of reason "{reason}".</p>
              <p>
                <Link href="/pipeline" className="underline underline-offset-4">
                  Show every reason
                </Link>
              </p>
            </div>
          ) : (
            <div className="grid gap-2">
              <p>No dead letters — every message was stored.</p>
              <p className="text-muted-foreground">
                A message the pipeline refuses (bad JSON, an unknown device, a value out of range) lands here
                with its reason.
              </p>
            </div>
          )
        }
      />
      <DeadLetterActionDialog
        action={pending}
        onClose={(changed) => {
          setPending(null);
          if (changed) setSelection({});
        }}
      />
    </section>
  );
}
