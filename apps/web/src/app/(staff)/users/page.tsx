import { roleHasPermission } from "@revolv/auth";
import type { Metadata } from "next";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { pageAddress, requirePageAccess } from "../../_auth/page-access";
import { loadUserListView, userListInputOf } from "./_components/user-list-params";
import { UsersTable } from "./_components/users-table";

export const metadata: Metadata = { title: "Users · Revolv Device Manager" };
export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const principal = await requirePageAccess("user:read", pageAddress("/users", params));
  prefetch(trpc.users.list.queryOptions(userListInputOf(loadUserListView(params))));
  return (
    <HydrateClient>
      <div className="grid gap-4">
        <h1 className="font-semibold text-2xl">Users</h1>
        <UsersTable
          currentUserId={principal.userId}
          canManage={roleHasPermission(principal.role, "user:manage")}
          canManageSessions={roleHasPermission(principal.role, "session:manage")}
        />
      </div>
    </HydrateClient>
  );
}
