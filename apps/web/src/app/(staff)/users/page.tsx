import { createCaller } from "@revolv/api";
import type { Metadata } from "next";
import { getRequestContext } from "~/trpc/server";
import { pageAddress, requirePageAccess } from "../../_auth/page-access";
import { SimpleTable } from "../../_components/simple-table";

export const metadata: Metadata = { title: "Users · Revolv Device Manager" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageAccess("user:read", pageAddress("/users", await searchParams));
  const page = await createCaller(await getRequestContext()).users.list({ pageSize: 100 });
  return (
    <div className="grid gap-4">
      <h1 className="font-semibold text-2xl">Users</h1>
      <SimpleTable
        label="Users"
        headers={["Username", "Email", "Role", "Status"]}
        total={page.total}
        rows={page.items.map((user) => ({
          id: user.id,
          cells: [user.username, user.email, user.role, user.disabled ? "disabled" : "active"],
        }))}
      />
    </div>
  );
}
