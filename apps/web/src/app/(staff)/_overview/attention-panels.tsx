import { createCaller } from "@revolv/api";
import { KpiCard } from "@revolv/ui/kpi-card";
import { LocalTime } from "@revolv/ui/local-time";
import { Sparkline } from "@revolv/ui/sparkline";
import { type DeviceAttention, deviceAttentions } from "@revolv/validators";
import Link from "next/link";
import type { ReactNode } from "react";
import { getRequestContext } from "~/trpc/server";
import { loadPanel } from "./load-panel";
import { Panel, PanelError } from "./panel";

/** Where each figure leads: the device list filtered to the devices it counts. */
export const attentionHref = (attention: DeviceAttention) => `/devices?attention=${attention}`;

const attentionTitles: Record<DeviceAttention, string> = {
  bins_nearly_full: "Bins nearly full",
  low_battery: "Low battery",
  jammed: "Jammed now",
  faulted: "Faulted now",
  silent: "Silent over 1 h",
};

const materialLabels: Record<string, string> = { pet: "PET", aluminium: "Aluminium", glass: "Glass" };

const deviceLink = (device: { id: string; name: string; serialNumber: string }) => (
  <Link href={`/devices/${device.id}`} className="font-medium underline-offset-4 hover:underline">
    {device.name}
    <span className="ml-2 font-normal text-muted-foreground text-xs">{device.serialNumber}</span>
  </Link>
);

/**
 * The devices that need someone, from ClickHouse's newest readings and Postgres's last seen.
 * The counts are `devices.list` totals with the same `attention` filter the links open, so a
 * figure and the list behind it always agree.
 */
export async function AttentionPanels() {
  const context = await getRequestContext();
  const api = createCaller(context);
  const result = await loadPanel("attention", () =>
    Promise.all([
      api.fleet.attention(),
      ...deviceAttentions.map((attention) =>
        api.devices.list({ attention, pageSize: 1 }).then((p) => p.total),
      ),
    ] as const),
  );
  if (!result.ok) return <PanelError title="Needs attention" requestId={result.requestId} />;
  const [attention, ...totals] = result.data;
  const counts = Object.fromEntries(deviceAttentions.map((a, i) => [a, totals[i] ?? 0])) as Record<
    DeviceAttention,
    number
  >;
  const perMinute = attention.messagesPerMinute;
  const lastMinute = perMinute.at(-2)?.count ?? 0; // the newest whole minute
  const lastHour = perMinute.reduce((sum, m) => sum + m.count, 0);

  return (
    <>
      <section aria-label="Needs attention" className="grid gap-4 sm:grid-cols-3 lg:grid-cols-6">
        {deviceAttentions.map((a) => (
          <KpiCard key={a} title={attentionTitles[a]} value={counts[a]} href={attentionHref(a)} as={Link} />
        ))}
        <KpiCard
          title="Messages per minute"
          value={lastMinute}
          trend={perMinute.map((m) => m.count)}
          trendLabel={`Messages per minute over the last hour, ${lastHour} in all`}
          href="/devices?sort=lastSeenAt&dir=desc"
          as={Link}
        />
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        <Panel
          title="Collection list"
          description="Bins at 90 % or more, fullest first."
          action={<MoreLink href={attentionHref("bins_nearly_full")} />}
        >
          <AttentionTable
            label="Collection list"
            headers={["Site", "Device", "Material", "Fill"]}
            empty="No bin is nearly full."
            rows={attention.binsNearlyFull.map((bin) => ({
              id: `${bin.device.id}-${bin.material}`,
              cells: [
                bin.device.site,
                deviceLink(bin.device),
                materialLabels[bin.material] ?? bin.material,
                <span key="fill" className="font-semibold tabular-nums">
                  {Math.round(bin.fillPct)} %
                </span>,
              ],
            }))}
          />
        </Panel>

        <Panel
          title="Soundboxes with low battery"
          description="Latest battery reading under 20 %."
          action={<MoreLink href={attentionHref("low_battery")} />}
        >
          <AttentionTable
            label="Soundboxes with low battery"
            headers={["Device", "Site", "Battery", "Reported"]}
            empty="Every Soundbox has 20 % or more."
            rows={attention.lowBattery.map((row) => ({
              id: row.device.id,
              cells: [
                deviceLink(row.device),
                row.device.site,
                <span key="b" className="font-semibold tabular-nums">
                  {Math.round(row.batteryPct)} %
                </span>,
                <LocalTime key="t" value={row.at} format="time" />,
              ],
            }))}
          />
        </Panel>

        <Panel
          title="Jams and faults, last 24 h"
          description="Devices that reported a jam or a fault code."
          action={<MoreLink href={attentionHref("faulted")} label="Faulted now" />}
        >
          <AttentionTable
            label="Jams and faults in the last 24 hours"
            headers={["Device", "Site", "Jams", "Fault codes", "Last"]}
            empty="No jam or fault in the last 24 hours."
            rows={attention.faultsLast24h.map((row) => ({
              id: row.device.id,
              cells: [
                deviceLink(row.device),
                row.device.site,
                <span key="j" className="tabular-nums">
                  {row.jams}
                </span>,
                row.faultCodes.length ? row.faultCodes.join(", ") : "—",
                <LocalTime key="t" value={row.lastAt} format="time" />,
              ],
            }))}
          />
        </Panel>

        <Panel
          title="Silent devices"
          description={`${attention.silentTotal} not heard from for over an hour (never reported first).`}
          action={<MoreLink href={attentionHref("silent")} />}
        >
          <AttentionTable
            label="Silent devices"
            headers={["Device", "Site", "Last seen"]}
            empty="Every device reported within the last hour."
            rows={attention.silent.map((row) => ({
              id: row.device.id,
              cells: [
                deviceLink(row.device),
                row.device.site,
                row.lastSeenAt ? (
                  <LocalTime key="t" value={row.lastSeenAt} />
                ) : (
                  <span key="n" className="text-muted-foreground">
                    never
                  </span>
                ),
              ],
            }))}
          />
        </Panel>
      </div>

      <Panel
        title="Messages per minute, last hour"
        description={`${lastHour} messages stored in the last hour.`}
      >
        <Sparkline
          className="h-24"
          values={perMinute.map((m) => m.count)}
          label={`Messages per minute over the last hour, ${lastHour} in all`}
        />
      </Panel>
    </>
  );
}

function MoreLink({ href, label = "In the device list" }: { href: string; label?: string }) {
  return (
    <Link href={href} className="shrink-0 text-primary text-sm underline-offset-4 hover:underline">
      {label}
    </Link>
  );
}

function AttentionTable({
  label,
  headers,
  rows,
  empty,
}: {
  label: string;
  headers: string[];
  rows: { id: string; cells: ReactNode[] }[];
  empty: string;
}) {
  if (rows.length === 0) return <p className="text-muted-foreground text-sm">{empty}</p>;
  return (
    <div className="max-h-72 overflow-auto">
      <table className="w-full text-sm" aria-label={label}>
        <thead className="sticky top-0 bg-card">
          <tr className="border-b text-left text-muted-foreground">
            {headers.map((header) => (
              <th key={header} scope="col" className="py-2 pr-3 font-medium">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-b last:border-0">
              {row.cells.map((cell, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional in a row
                <td key={index} className="whitespace-nowrap py-2 pr-3">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
