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
import { PanelRightOpenIcon } from "lucide-react";
import Link from "next/link";
import { useQueryStates } from "nuqs";
import { useCallback, useMemo, useState } from "react";
import { tableStatusOf } from "~/app/_components/table-status";
import { useTRPC } from "~/trpc/react";
import type { DeadLetterAction, RefusedRedrive } from "./dead-letter-action-dialog";
import { DeviceOfLetter } from "./dead-letter-device";
import { LazyDeadLetterActionDialog, LazyDeadLetterDrawer } from "./lazy-dead-letter-overlays";
import { deadLetterInputOf, deadLetterPageSize, deadLetterParams } from "./pipeline-params";

type DeadLetter = inferRouterOutputs<AppRouter>["pipeline"]["deadLetters"]["items"][number];

const apply = <T,>(updater: Updater<T>, old: T): T =>
  typeof updater === "function" ? (updater as (old: T) => T)(old) : updater;

const all = "all";

function useColumns(
  canManage: boolean,
  onOpen: (letter: DeadLetter) => void,
): ColumnDef<DeadLetter, never>[] {
  return useMemo(() => {
    const columns: ColumnDef<DeadLetter, never>[] = [
      {
        id: "reason",
        header: "Reason",
        cell: ({ row }) => (
          <div className="grid w-56 gap-1">
            <Badge variant="outline" className="w-fit max-w-full whitespace-normal break-all font-mono">
              {row.original.reason}
            </Badge>
            {row.original.detail ? (
              <span
                className="line-clamp-2 whitespace-normal break-words text-muted-foreground text-xs"
                title={row.original.detail}
              >
                {row.original.detail}
              </span>
            ) : null}
          </div>
        ),
      },
      {
        id: "device",
        header: "Device",
        cell: ({ row }) => (
          <div className="w-40">
            <DeviceOfLetter deviceId={row.original.deviceId} deviceName={row.original.deviceName} />
          </div>
        ),
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
          <div className="flex w-64 items-center gap-2">
            <code className="min-w-0 flex-1 truncate font-mono text-xs">
              {row.original.body || "(empty)"}
            </code>
            <Button
              size="sm"
              variant="ghost"
              aria-label="Show the whole body"
              title="Show the whole body"
              onClick={() => onOpen(row.original)}
            >
              <PanelRightOpenIcon />
            </Button>
          </div>
        ),
      },
    ];
    return canManage
      ? [
          selectionColumn<DeadLetter>((letter) => `dead letter ${letter.messageId} (${letter.reason})`),
          ...columns,
        ]
      : columns;
  }, [canManage, onOpen]);
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
  const [opened, setOpened] = useState<DeadLetter | null>(null);
  const [refused, setRefused] = useState<RefusedRedrive[]>([]);
  const columns = useColumns(
    canManage,
    useCallback((letter: DeadLetter) => setOpened(letter), []),
  );

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
    // min-w-0: a grid item is as wide as its content by default; the table scrolls in its own frame.
    <section aria-label="Dead-letter queue" className="grid min-w-0 gap-2">
      <div className="grid gap-1">
        <h2 className="font-semibold text-lg">Dead-letter queue</h2>
        <p className="text-muted-foreground text-sm">
          Messages the bridge or the worker refused, with why. Reading this list leaves them on the queue.
          {query.data?.more ? " Only the first 500 are listed; act on them to see the rest." : ""}
        </p>
      </div>
      {refused.length > 0 ? (
        <div role="alert" className="grid gap-2 rounded-md border border-destructive/50 p-3 text-sm">
          <div className="flex items-center justify-between gap-2">
            <p className="font-medium">
              {refused.length === 1 ? "1 dead letter was" : `${refused.length} dead letters were`} not
              redriven and stay{refused.length === 1 ? "s" : ""} on the queue:
            </p>
            <Button size="sm" variant="ghost" onClick={() => setRefused([])}>
              Dismiss
            </Button>
          </div>
          <ul className="grid gap-1">
            {refused.map((r) => (
              <li key={r.messageId} className="grid gap-0.5">
                <span className="break-all font-mono text-muted-foreground text-xs">{r.messageId}</span>
                <span>{r.reason}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
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
      <LazyDeadLetterActionDialog
        action={pending}
        onClose={(changed, refusedNow) => {
          setPending(null);
          if (changed) setSelection({});
          if (refusedNow) setRefused(refusedNow);
        }}
      />
      <LazyDeadLetterDrawer letter={opened} onClose={() => setOpened(null)} />
    </section>
  );
}
