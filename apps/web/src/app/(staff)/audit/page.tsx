import { createCaller } from "@revolv/api";
import type { Metadata } from "next";
import { getRequestContext } from "~/trpc/server";
import { pageAddress, requirePageAccess } from "../../_auth/page-access";
import { SimpleTable } from "../../_components/simple-table";

export const metadata: Metadata = { title: "Audit log · Revolv Device Manager" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageAccess("audit:read", pageAddress("/audit", await searchParams));
  const page = await createCaller(await getRequestContext()).audit.list({ pageSize: 100 });
  return (
    <div className="grid gap-4">
      <h1 className="font-semibold text-2xl">Audit log</h1>
      <SimpleTable
        label="Audit log"
        headers={["When (UTC)", "Action", "Target", "Request id"]}
        total={page.total}
        rows={page.items.map((event) => ({
          id: event.id,
          cells: [
            <time key="t" dateTime={event.createdAt.toISOString()}>
              {when.format(event.createdAt)}
            </time>,
            event.action,
            `${event.targetType} ${event.targetId ?? ""}`,
            <code key="r" className="text-xs">
              {event.requestId ?? "—"}
            </code>,
          ],
        }))}
      />
    </div>
  );
}
