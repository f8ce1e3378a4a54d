import { createCaller } from "@revolv/api";
import type { Metadata } from "next";
import { Suspense } from "react";
import { getRequestContext } from "~/trpc/server";
import { requirePageAccess } from "../_auth/page-access";
import { AttentionPanels } from "./_overview/attention-panels";
import { FleetCounts } from "./_overview/fleet-counts";
import { PanelSkeleton } from "./_overview/panel";

export const metadata: Metadata = { title: "Overview · Revolv Device Manager" };
export const dynamic = "force-dynamic";

/**
 * The fleet at a glance. The header renders at once; each panel streams in when its query
 * answers (Postgres counts first, the ClickHouse-backed lists after), so a slow engine never
 * holds the whole page.
 */
export default async function OverviewPage() {
  await requirePageAccess("authenticated", "/");
  const user = await createCaller(await getRequestContext()).users.me();
  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <div>
        <h1 className="font-semibold text-2xl">Overview</h1>
        <p className="text-muted-foreground text-sm">
          Signed in as <strong className="text-foreground">{user.username}</strong> ({user.role})
        </p>
      </div>
      <Suspense fallback={<PanelSkeleton label="Devices" rows={4} />}>
        <FleetCounts />
      </Suspense>
      <Suspense fallback={<PanelSkeleton label="Needs attention" rows={6} />}>
        <AttentionPanels />
      </Suspense>
      <p className="text-muted-foreground text-sm">
        API:{" "}
        <a href="/api/docs" className="underline underline-offset-4">
          interactive docs
        </a>{" "}
        ·{" "}
        <a href="/api/openapi.json" className="underline underline-offset-4">
          OpenAPI document
        </a>
      </p>
    </div>
  );
}
