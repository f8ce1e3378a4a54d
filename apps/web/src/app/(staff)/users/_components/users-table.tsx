"use client";

import type { AppRouter } from "@revolv/api";
import { Badge } from "@revolv/ui/badge";
import { Button } from "@revolv/ui/button";
import { DataTable, type DataTableState } from "@revolv/ui/data-table";
import { Input } from "@revolv/ui/input";
import { lazyToast as toast } from "@revolv/ui/lazy-toaster";
import { LocalTime } from "@revolv/ui/local-time";
import { OptionSelect } from "@revolv/ui/option-select";
import type { RoleName } from "@revolv/validators";
import { roleNames } from "@revolv/validators/role-names";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef, PaginationState, Updater } from "@tanstack/react-table";
import type { inferRouterOutputs } from "@trpc/server";
import { Mail, UserPlus } from "lucide-react";
import dynamic from "next/dynamic";
import { useQueryStates } from "nuqs";
import { useEffect, useMemo, useState } from "react";
import { LazyDialogButton } from "~/app/_components/lazy-dialog";
import { useOpenedOnce } from "~/app/_components/opened-once";
import { tableStatusOf } from "~/app/_components/table-status";
import { useTRPC } from "~/trpc/react";
import { userListInputOf, userListParams, userPageSize } from "./user-list-params";

// The create and invite forms (and Zod, which checks them) load on first use, not with the page.
const loadUserDialogs = () => import("./create-user-dialog");
// The sessions drawer (Radix dialog) loads with the first opening, not with the page.
const UserSessionsSheet = dynamic(() => import("./user-sessions-sheet").then((m) => m.UserSessionsSheet), {
  ssr: false,
});
// The confirmation before disabling (Radix alert dialog) loads with the first Disable click.
const loadDisableDialog = () => import("./disable-user-dialog");
const DisableUserDialog = dynamic(() => loadDisableDialog().then((m) => m.DisableUserDialog), { ssr: false });
const CreateUserDialog = dynamic(() => loadUserDialogs().then((m) => m.CreateUserDialog), { ssr: false });
const InviteUserDialog = dynamic(() => loadUserDialogs().then((m) => m.InviteUserDialog), { ssr: false });

type User = inferRouterOutputs<AppRouter>["users"]["list"]["items"][number];

export const roleLabels: Record<RoleName, string> = {
  admin: "Admin",
  supervisor: "Supervisor",
  technician: "Technician",
  viewer: "Viewer",
};

const all = "all";
const statusOptions = [
  { value: all, label: "Any status" },
  { value: "active", label: "Active" },
  { value: "disabled", label: "Disabled" },
];
const roleOptions = roleNames.map((role) => ({ value: role, label: roleLabels[role] }));

function useUserMutations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSettled = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.users.list.pathFilter()),
      queryClient.invalidateQueries(trpc.audit.list.pathFilter()),
    ]);
  const onError = (error: { message: string }) => toast.error(error.message);
  return {
    updateRole: useMutation(
      trpc.users.updateRole.mutationOptions({
        onSettled,
        onError,
        onSuccess: (user) => toast.success(`${user.username} is now ${roleLabels[user.role]}`),
      }),
    ),
    disable: useMutation(
      trpc.users.disable.mutationOptions({
        onSettled,
        onError,
        onSuccess: (user) => toast.success(`${user.username} is disabled and signed out`),
      }),
    ),
    enable: useMutation(
      trpc.users.enable.mutationOptions({
        onSettled,
        onError,
        onSuccess: (user) => toast.success(`${user.username} is enabled`),
      }),
    ),
  };
}

/** The user list: searched and filtered by the server, its view in the URL; actions by permission. */
export function UsersTable({
  currentUserId,
  canManage,
  canManageSessions,
}: {
  currentUserId: string;
  canManage: boolean;
  canManageSessions: boolean;
}) {
  const trpc = useTRPC();
  const [view, setView] = useQueryStates(userListParams, { history: "push" });
  const query = useQuery({
    ...trpc.users.list.queryOptions(userListInputOf(view)),
    placeholderData: keepPreviousData,
  });
  const mutations = useUserMutations();
  const [sessionsOf, setSessionsOf] = useState<User | null>(null);
  const [disabling, setDisabling] = useState<User | null>(null);
  const disableOpenedOnce = useOpenedOnce(disabling !== null);
  // Mounted from the first opening on, so closing keeps the sheet's exit animation.
  const sessionsOpenedOnce = useOpenedOnce(sessionsOf !== null);

  const [search, setSearch] = useState(view.q);
  useEffect(() => setSearch(view.q), [view.q]);
  useEffect(() => {
    if (search === view.q) return;
    const timer = setTimeout(() => void setView({ q: search, page: 1 }, { history: "replace" }), 300);
    return () => clearTimeout(timer);
  }, [search, view.q, setView]);

  const columns = useMemo<ColumnDef<User, never>[]>(
    () => [
      {
        id: "username",
        header: "Username",
        enableSorting: false,
        cell: ({ row }) => (
          <span className="font-medium">
            {row.original.username}
            {row.original.id === currentUserId ? (
              <Badge variant="muted" className="ml-2">
                You
              </Badge>
            ) : null}
          </span>
        ),
      },
      { id: "email", accessorKey: "email", header: "Email", enableSorting: false },
      {
        id: "role",
        header: "Role",
        enableSorting: false,
        cell: ({ row }) => {
          const user = row.original;
          // Nobody changes their own role (the server refuses it too): no lock-out by mistake.
          if (!canManage || user.id === currentUserId) return roleLabels[user.role];
          return (
            <OptionSelect
              size="sm"
              aria-label={`Role of ${user.username}`}
              className="w-36"
              value={user.role}
              options={roleOptions}
              onValueChange={(role) => mutations.updateRole.mutate({ id: user.id, role: role as RoleName })}
            />
          );
        },
      },
      {
        id: "status",
        header: "Status",
        enableSorting: false,
        cell: ({ row }) =>
          row.original.disabled ? (
            <Badge variant="destructive">Disabled</Badge>
          ) : (
            <Badge variant="success">Active</Badge>
          ),
      },
      {
        id: "createdAt",
        header: "Created",
        enableSorting: false,
        cell: ({ row }) => <LocalTime value={row.original.createdAt} format="date" />,
      },
      {
        id: "actions",
        header: () => <span className="sr-only">Actions</span>,
        enableSorting: false,
        cell: ({ row }) => {
          const user = row.original;
          return (
            <div className="flex justify-end gap-2">
              {canManageSessions ? (
                <Button
                  size="sm"
                  variant="outline"
                  onClick={() => setSessionsOf(user)}
                  aria-label={`Sessions of ${user.username}`}
                >
                  Sessions
                </Button>
              ) : null}
              {canManage && user.id !== currentUserId ? (
                user.disabled ? (
                  <Button
                    size="sm"
                    variant="outline"
                    onClick={() => mutations.enable.mutate({ id: user.id })}
                    aria-label={`Enable ${user.username}`}
                  >
                    Enable
                  </Button>
                ) : (
                  <Button
                    size="sm"
                    variant="destructive"
                    aria-label={`Disable ${user.username}`}
                    aria-haspopup="dialog"
                    onPointerEnter={() => void loadDisableDialog()}
                    onFocus={() => void loadDisableDialog()}
                    onClick={() => setDisabling(user)}
                  >
                    Disable
                  </Button>
                )
              ) : null}
            </div>
          );
        },
      },
    ],
    [canManage, canManageSessions, currentUserId, mutations],
  );

  const state: DataTableState = {
    pagination: { pageIndex: Math.max(1, view.page) - 1, pageSize: userPageSize },
    sorting: [],
    columnFilters: [],
    columnVisibility: {},
    rowSelection: {},
  };
  const status = tableStatusOf(query);
  const filtered = Boolean(view.q || view.role || view.status);

  return (
    <>
      <DataTable
        label="Users"
        columns={columns}
        data={query.data?.items ?? []}
        rowCount={query.data?.total ?? 0}
        getRowId={(user) => user.id}
        state={state}
        status={status}
        pageSizes={[userPageSize]}
        onPaginationChange={(updater: Updater<PaginationState>) => {
          const next = typeof updater === "function" ? updater(state.pagination) : updater;
          void setView({ page: next.pageIndex + 1 });
        }}
        onSortingChange={() => {}}
        toolbar={() => (
          <>
            <Input
              type="search"
              aria-label="Search users"
              placeholder="Search username or email"
              className="h-8 w-64"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
            <OptionSelect
              size="sm"
              aria-label="Role"
              className="w-36"
              value={view.role ?? all}
              options={[{ value: all, label: "All roles" }, ...roleOptions]}
              onValueChange={(value) =>
                void setView({ role: value === all ? null : (value as RoleName), page: 1 })
              }
            />
            <OptionSelect
              size="sm"
              aria-label="Status"
              className="w-36"
              value={view.status ?? all}
              options={statusOptions}
              onValueChange={(value) =>
                void setView({ status: value === all ? null : (value as "active" | "disabled"), page: 1 })
              }
            />
            {canManage ? (
              <div className="ml-auto flex gap-2">
                <LazyDialogButton
                  size="sm"
                  variant="outline"
                  dialog={InviteUserDialog}
                  preload={loadUserDialogs}
                >
                  <Mail /> Invite
                </LazyDialogButton>
                <LazyDialogButton size="sm" dialog={CreateUserDialog} preload={loadUserDialogs}>
                  <UserPlus /> Create user
                </LazyDialogButton>
              </div>
            ) : null}
          </>
        )}
        empty={
          filtered ? (
            <p>
              No user matches these filters.{" "}
              <button
                type="button"
                className="underline underline-offset-4"
                onClick={() => void setView(null)}
              >
                Clear the filters
              </button>
            </p>
          ) : (
            <p>{canManage ? "No users yet: create one or send an invitation." : "No users yet."}</p>
          )
        }
      />
      {canManage && disableOpenedOnce ? (
        <DisableUserDialog
          user={disabling}
          onOpenChange={(open) => !open && setDisabling(null)}
          onDisable={(id) => mutations.disable.mutate({ id })}
        />
      ) : null}
      {canManageSessions && sessionsOpenedOnce ? (
        <UserSessionsSheet user={sessionsOf} onOpenChange={(open) => !open && setSessionsOf(null)} />
      ) : null}
    </>
  );
}
