"use client";

import { AlarmSeverityBadge } from "@revolv/ui/alarm-severity-badge";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@revolv/ui/alert-dialog";
import { Badge } from "@revolv/ui/badge";
import { Button } from "@revolv/ui/button";
import { DataTable } from "@revolv/ui/data-table";
import { toast } from "@revolv/ui/toaster";
import type { AlarmRule } from "@revolv/validators";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { Plus } from "lucide-react";
import Link from "next/link";
import { useMemo, useState } from "react";
import { requestIdOf } from "~/app/_components/request-error";
import { tableStatusOf } from "~/app/_components/table-status";
import { useTRPC } from "~/trpc/react";
import { RuleEditor } from "./rule-editor";

/** A condition in words, as an operator reads it. */
export function describeCondition(rule: AlarmRule): string {
  const c = rule.condition;
  const hold = "forSeconds" in c && c.forSeconds ? ` for ${c.forSeconds / 60} min` : "";
  switch (c.kind) {
    case "threshold":
      return `${c.metric} ${c.operator === "above" ? "≥" : "≤"} ${c.threshold}${hold}${c.clearThreshold === undefined ? "" : `, clears past ${c.clearThreshold}`}`;
    case "state":
      return `${c.metric} = ${c.equals}${hold}`;
    case "fault":
      return c.codes?.length ? `fault code ${c.codes.join(", ")}` : "any fault code";
    case "offline":
      return `offline > ${c.minutes} min`;
    case "battery":
      return `battery < ${c.belowPct} %${hold}`;
  }
}

function scopeText(rule: AlarmRule) {
  const parts = [rule.scope.deviceType, rule.scope.site, rule.scope.tag && `#${rule.scope.tag}`].filter(
    Boolean,
  );
  return parts.length ? parts.join(" · ") : "All devices";
}

const pageSizes = [25, 50, 100];

/** The alarm rules; a supervisor or admin creates, edits and deletes them here. */
export function RulesTable({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [pagination, setPagination] = useState({ pageIndex: 0, pageSize: 25 });
  const query = useQuery({
    ...trpc.alarms.rules.list.queryOptions({ page: pagination.pageIndex + 1, pageSize: pagination.pageSize }),
    placeholderData: keepPreviousData,
  });
  const [editing, setEditing] = useState<{ rule: AlarmRule | null; key: number } | null>(null);
  const [deleting, setDeleting] = useState<AlarmRule | null>(null);
  const remove = useMutation(
    trpc.alarms.rules.delete.mutationOptions({
      onSuccess: async (rule) => {
        toast.success(`${rule.name} deleted`);
        await queryClient.invalidateQueries(trpc.alarms.pathFilter());
      },
      onError: (e) => {
        const requestId = requestIdOf(e);
        toast.error(`${e.message}${requestId ? ` (request ${requestId})` : ""}`);
      },
    }),
  );

  const columns = useMemo<ColumnDef<AlarmRule, never>[]>(
    () => [
      {
        id: "name",
        header: "Rule",
        cell: ({ row }) => (
          <div className="grid">
            <span className="font-medium">{row.original.name}</span>
            {row.original.description ? (
              <span className="truncate text-muted-foreground text-xs">{row.original.description}</span>
            ) : null}
          </div>
        ),
      },
      {
        id: "severity",
        header: "Severity",
        cell: ({ row }) => <AlarmSeverityBadge severity={row.original.severity} />,
      },
      { id: "condition", header: "Condition", cell: ({ row }) => describeCondition(row.original) },
      { id: "scope", header: "Scope", cell: ({ row }) => scopeText(row.original) },
      {
        id: "channels",
        header: "Notifies",
        cell: ({ row }) =>
          row.original.channels.length
            ? row.original.channels
                .map((ch) => (ch.kind === "webhook" ? "webhook" : `email (${ch.to.length})`))
                .join(", ")
            : "–",
      },
      {
        id: "enabled",
        header: "State",
        cell: ({ row }) => (
          <Badge variant={row.original.enabled ? "success" : "muted"}>
            {row.original.enabled ? "Enabled" : "Disabled"}
          </Badge>
        ),
      },
      {
        id: "actions",
        header: () => <span className="sr-only">Actions</span>,
        cell: ({ row }) => (
          <div className="flex items-center justify-end gap-1">
            <Link
              href={`/alarms?rule=${row.original.id}&status=all`}
              className="px-2 text-sm underline-offset-4 hover:underline"
            >
              Alarms
            </Link>
            {canManage ? (
              <>
                <Button
                  size="sm"
                  variant="outline"
                  onClick={() => setEditing({ rule: row.original, key: Date.now() })}
                >
                  Edit
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setDeleting(row.original)}>
                  Delete
                </Button>
              </>
            ) : null}
          </div>
        ),
      },
    ],
    [canManage],
  );

  const status = tableStatusOf(query);

  return (
    <>
      <DataTable
        label="Alarm rules"
        columns={columns}
        data={query.data?.items ?? []}
        rowCount={query.data?.total ?? 0}
        getRowId={(rule) => rule.id}
        state={{ pagination, sorting: [], columnFilters: [], columnVisibility: {}, rowSelection: {} }}
        status={status}
        pageSizes={pageSizes}
        onPaginationChange={(updater) =>
          setPagination((old) => (typeof updater === "function" ? updater(old) : updater))
        }
        onSortingChange={() => {}}
        toolbar={() =>
          canManage ? (
            <Button size="sm" onClick={() => setEditing({ rule: null, key: Date.now() })}>
              <Plus /> New rule
            </Button>
          ) : null
        }
        empty={
          <div className="grid gap-2">
            <p>No alarm rules yet.</p>
            <p>
              {canManage
                ? "Create one with “New rule”: e.g. PET bin ≥ 90 % for 2 min, cleared below 50 %."
                : "A supervisor or admin creates the rules that raise alarms."}
            </p>
          </div>
        }
      />
      {editing ? (
        <RuleEditor key={editing.key} rule={editing.rule} open onClose={() => setEditing(null)} />
      ) : null}
      <AlertDialog open={deleting !== null} onOpenChange={(open) => !open && setDeleting(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Delete {deleting?.name}?</AlertDialogTitle>
            <AlertDialogDescription>Its alarms and their history are deleted with it.</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction onClick={() => deleting && remove.mutate({ id: deleting.id })}>
              Delete
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </>
  );
}
