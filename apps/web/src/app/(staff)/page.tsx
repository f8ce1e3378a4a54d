import { checkHealth, createCaller } from "@revolv/api";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@revolv/ui/card";
import { deviceStatuses } from "@revolv/validators";
import Link from "next/link";
import { getServices } from "~/server/services";
import { getRequestContext } from "~/trpc/server";
import { requirePageAccess } from "../_auth/page-access";
import { statusLabels } from "./devices/_components/device-labels";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  await requirePageAccess("authenticated", "/");
  const api = createCaller(await getRequestContext());
  // Every role may read devices today; counts per status are one cheap page-of-one query each.
  const [health, user, total, ...byStatus] = await Promise.all([
    checkHealth(getServices()),
    api.users.me(),
    api.devices.list({ pageSize: 1 }).then((page) => page.total),
    ...deviceStatuses.map((status) => api.devices.list({ status, pageSize: 1 }).then((page) => page.total)),
  ]);

  return (
    <div className="mx-auto grid max-w-5xl gap-6">
      <div>
        <h1 className="font-semibold text-2xl">Overview</h1>
        <p className="text-muted-foreground text-sm">
          Signed in as <strong className="text-foreground">{user.username}</strong> ({user.role})
        </p>
      </div>

      <section aria-label="Fleet" className="grid gap-4 sm:grid-cols-3 lg:grid-cols-6">
        <CountCard label="Devices registered" value={total} href="/devices" />
        {deviceStatuses.map((status, index) => (
          <CountCard
            key={status}
            label={statusLabels[status]}
            value={byStatus[index] ?? 0}
            href={`/devices?status=${status}`}
          />
        ))}
      </section>

      {total === 0 && (
        <p className="rounded-md border border-dashed p-4 text-muted-foreground text-sm">
          No devices yet. Register one on the <Link href="/devices">devices page</Link> or start the simulator
          with <code>pnpm simulate</code>.
        </p>
      )}

      <section aria-label="Health" className="grid gap-4 sm:grid-cols-2">
        <HealthCard label="Postgres" value={health.checks.postgres} />
        <HealthCard label="ClickHouse" value={health.checks.clickhouse} />
      </section>

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

/** Every number is a door: the count links to the list behind it. */
function CountCard({ label, value, href }: { label: string; value: number; href: string }) {
  return (
    <Link href={href} className="rounded-xl outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
      <Card className="h-full gap-1 py-4 transition-colors hover:bg-muted/50">
        <CardHeader className="px-4">
          <CardDescription>{label}</CardDescription>
          <CardTitle className="text-2xl tabular-nums">{value}</CardTitle>
        </CardHeader>
      </Card>
    </Link>
  );
}

function HealthCard({ label, value }: { label: string; value: string }) {
  const ok = value === "ok";
  return (
    <Card className="gap-1 py-4">
      <CardHeader className="px-4">
        <CardDescription>{label}</CardDescription>
      </CardHeader>
      <CardContent className="px-4">
        <p className={ok ? "font-semibold text-success" : "font-semibold text-destructive"} title={value}>
          {value}
        </p>
      </CardContent>
    </Card>
  );
}
