import { roleHasPermission } from "@revolv/auth";
import { buttonVariants } from "@revolv/ui/button";
import type { Metadata } from "next";
import Link from "next/link";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { pageAddress, requirePageAccess } from "../../_auth/page-access";
import { AlarmConsole } from "./_components/alarm-console";
import { alarmListInputOf, loadAlarmListView } from "./_components/alarm-params";

export const metadata: Metadata = { title: "Alarms · Revolv Device Manager" };
export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

export default async function AlarmsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const principal = await requirePageAccess("alarm:read", pageAddress("/alarms", params));
  prefetch(trpc.alarms.list.queryOptions(alarmListInputOf(loadAlarmListView(params))));
  prefetch(trpc.alarms.rules.list.queryOptions({ pageSize: 200 }));
  return (
    <HydrateClient>
      <div className="grid gap-4">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="font-semibold text-2xl">Alarms</h1>
          <Link
            href="/alarms/rules"
            className={buttonVariants({ variant: "outline", size: "sm", className: "ml-auto" })}
          >
            Rules
          </Link>
        </div>
        <AlarmConsole canAck={roleHasPermission(principal.role, "alarm:ack")} />
      </div>
    </HydrateClient>
  );
}
