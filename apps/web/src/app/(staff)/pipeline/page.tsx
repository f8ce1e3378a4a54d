import { roleHasPermission } from "@revolv/auth";
import type { Metadata } from "next";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { pageAddress, requirePageAccess } from "../../_auth/page-access";
import { DeadLetterTable } from "./_components/dead-letter-table";
import { deadLetterInputOf, loadDeadLetterView } from "./_components/pipeline-params";
import { PipelineStatusPanels } from "./_components/pipeline-status";

export const metadata: Metadata = { title: "Pipeline · Revolv Device Manager" };
export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

export default async function PipelinePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const principal = await requirePageAccess("system:read", pageAddress("/pipeline", params));
  prefetch(trpc.pipeline.status.queryOptions());
  prefetch(trpc.pipeline.deadLetters.queryOptions(deadLetterInputOf(loadDeadLetterView(params))));
  return (
    <HydrateClient>
      <div className="grid gap-4">
        <div className="grid gap-1">
          <h1 className="font-semibold text-2xl">Pipeline</h1>
          <p className="text-muted-foreground text-sm">
            Device messages from the broker through the queue into ClickHouse. Figures refresh every 10
            seconds.
          </p>
        </div>
        <PipelineStatusPanels />
        <DeadLetterTable canManage={roleHasPermission(principal.role, "system:manage")} />
      </div>
    </HydrateClient>
  );
}
