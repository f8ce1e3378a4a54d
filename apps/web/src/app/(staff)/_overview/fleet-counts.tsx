import { createCaller } from "@revolv/api";
import { KpiCard } from "@revolv/ui/kpi-card";
import { deviceStatuses } from "@revolv/validators";
import Link from "next/link";
import { getRequestContext } from "~/trpc/server";
import { statusLabels, typeLabels } from "../devices/_components/device-labels";
import { loadPanel } from "./load-panel";
import { Panel, PanelError } from "./panel";

const cellLink = "tabular-nums underline-offset-4 hover:underline focus-visible:underline";

/**
 * Registered devices by type and status (Postgres) and how many reported lately (ClickHouse).
 * Every number links to the device list filtered to exactly the devices it counts.
 */
export async function FleetCounts() {
  const context = await getRequestContext();
  const result = await loadPanel("fleet counts", () => createCaller(context).fleet.summary());
  if (!result.ok) return <PanelError title="Devices" requestId={result.requestId} />;
  const { devices, telemetry } = result.data;
  const total = devices.reduce((sum, d) => sum + d.total, 0);
  const byStatus = (status: (typeof deviceStatuses)[number]) =>
    devices.reduce((sum, d) => sum + d.byStatus[status], 0);
  const reporting = (type: string) => telemetry.byType.find((t) => t.type === type);

  return (
    <>
      <section aria-label="Fleet" className="grid gap-4 sm:grid-cols-3 lg:grid-cols-6">
        <KpiCard title="Devices registered" value={total} href="/devices" as={Link} />
        {deviceStatuses.map((status) => (
          <KpiCard
            key={status}
            title={statusLabels[status]}
            value={byStatus(status)}
            href={`/devices?status=${status}`}
            as={Link}
          />
        ))}
      </section>
      <Panel title="By type and status" description="Connectivity from what each device reported last.">
        <div className="overflow-x-auto">
          <table className="w-full text-sm" aria-label="Devices by type and status">
            <thead>
              <tr className="border-b text-left text-muted-foreground">
                <th scope="col" className="py-2 pr-3 font-medium">
                  Type
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  All
                </th>
                {deviceStatuses.map((status) => (
                  <th key={status} scope="col" className="px-3 py-2 text-right font-medium">
                    {statusLabels[status]}
                  </th>
                ))}
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Reported in 5 min
                </th>
                <th scope="col" className="py-2 pl-3 text-right font-medium">
                  Reported in 1 h
                </th>
              </tr>
            </thead>
            <tbody>
              {devices.map((row) => (
                <tr key={row.type} className="border-b last:border-0">
                  <th scope="row" className="py-2 pr-3 text-left font-medium">
                    <Link href={`/devices?type=${row.type}`} className={cellLink}>
                      {typeLabels[row.type]}
                    </Link>
                  </th>
                  <td className="px-3 py-2 text-right">
                    <Link href={`/devices?type=${row.type}`} className={cellLink}>
                      {row.total}
                    </Link>
                  </td>
                  {deviceStatuses.map((status) => (
                    <td key={status} className="px-3 py-2 text-right">
                      <Link
                        href={`/devices?type=${row.type}&status=${status}`}
                        className={
                          row.byStatus[status] === 0 ? `${cellLink} text-muted-foreground` : cellLink
                        }
                      >
                        {row.byStatus[status]}
                      </Link>
                    </td>
                  ))}
                  <td className="px-3 py-2 text-right tabular-nums">
                    <Link href={`/devices?type=${row.type}&sort=lastSeenAt&dir=desc`} className={cellLink}>
                      {reporting(row.type)?.reportingLast5m ?? 0}
                    </Link>
                  </td>
                  <td className="py-2 pl-3 text-right tabular-nums">
                    <Link href={`/devices?type=${row.type}&sort=lastSeenAt&dir=desc`} className={cellLink}>
                      {reporting(row.type)?.reportingLast1h ?? 0}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {total === 0 ? (
          <p className="mt-3 rounded-md border border-dashed p-4 text-muted-foreground text-sm">
            No devices yet. Register one on the{" "}
            <Link href="/devices" className="underline underline-offset-4">
              devices page
            </Link>{" "}
            or start the simulator with <code>pnpm simulate</code>.
          </p>
        ) : null}
      </Panel>
    </>
  );
}
