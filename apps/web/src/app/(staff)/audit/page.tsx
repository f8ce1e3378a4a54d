import { roleHasPermission } from "@revolv/auth";
import type { Metadata } from "next";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { pageAddress, requirePageAccess } from "../../_auth/page-access";
import { actorUsersInput } from "../_audit/audit-inputs";
import { auditInputOf, loadAuditView } from "./_components/audit-params";
import { AuditTable } from "./_components/audit-table";

export const metadata: Metadata = { title: "Audit log · Revolv Device Manager" };
export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const principal = await requirePageAccess("audit:read", pageAddress("/audit", params));
  const canReadUsers = roleHasPermission(principal.role, "user:read");
  prefetch(trpc.audit.list.queryOptions(auditInputOf(loadAuditView(params))));
  if (canReadUsers) prefetch(trpc.users.list.queryOptions(actorUsersInput));
  return (
    <HydrateClient>
      <div className="grid gap-4">
        <h1 className="font-semibold text-2xl">Audit log</h1>
        <AuditTable canReadUsers={canReadUsers} />
      </div>
    </HydrateClient>
  );
}
