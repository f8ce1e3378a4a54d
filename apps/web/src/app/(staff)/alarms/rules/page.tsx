import { roleHasPermission } from "@revolv/auth";
import type { Metadata } from "next";
import Link from "next/link";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { requirePageAccess } from "../../../_auth/page-access";
import { RulesTable } from "./_components/rules-table";

export const metadata: Metadata = { title: "Alarm rules · Revolv Device Manager" };
export const dynamic = "force-dynamic";

export default async function AlarmRulesPage() {
  const principal = await requirePageAccess("alarm:read", "/alarms/rules");
  prefetch(trpc.alarms.rules.list.queryOptions({ page: 1, pageSize: 25 }));
  return (
    <HydrateClient>
      <div className="grid gap-4">
        <div className="grid gap-1">
          <Link href="/alarms" className="text-muted-foreground text-sm underline-offset-4 hover:underline">
            ← Alarms
          </Link>
          <h1 className="font-semibold text-2xl">Alarm rules</h1>
        </div>
        <RulesTable canManage={roleHasPermission(principal.role, "alarm:manage")} />
      </div>
    </HydrateClient>
  );
}
