"use client";

import { Badge } from "@revolv/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@revolv/ui/card";
import { TimeSeriesChart } from "@revolv/ui/charts";
import { ConnectivityBadge, DeviceStatusBadge } from "@revolv/ui/device-status-badge";
import { LocalTime } from "@revolv/ui/local-time";
import { Skeleton } from "@revolv/ui/skeleton";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@revolv/ui/tabs";
import { resolveTimeRange, type TimeRange, TimeRangePicker } from "@revolv/ui/time-range-picker";
import { type MetricName, metricCatalog, metricsFor } from "@revolv/validators";
import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useQueryStates } from "nuqs";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTRPC } from "~/trpc/react";
import { useAlarmLiveRefresh } from "../../../_alarms/alarm-live";
import { typeLabels } from "../../_components/device-labels";
import { deviceAlarmInputs } from "./alarm-list-input";
import { DeviceActivity } from "./device-activity";
import { DeviceAlarms } from "./device-alarms";
import { DeviceEvents } from "./device-events";
import { type DeviceLive, useDeviceLive, useDeviceRefreshOnLive } from "./device-live";
import { chartParams } from "./range-params";
import { type DeviceTab, deviceTabParams } from "./tab-params";

type Push = (timestamp: number, value: number | null) => void;

const number = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });
const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium" });

function formatValue(metric: string, value: number | string) {
  const unit = metricCatalog[metric as MetricName]?.unit;
  const text = typeof value === "number" ? number.format(value) : value;
  return unit ? `${text} ${unit}` : text;
}

/**
 * How often the header re-reads the device regardless of live data, so the sweep's offline (a
 * silence, which no live message announces) shows up; well under the shortest inactivity
 * timeout (Soundbox 90 s), and longer than the browser test's deadline for the live path.
 */
const devicePollMs = 60_000;

/** The current time, advancing every `everyMs`, so "seen 2 min ago" does not stand still. */
function useNow(everyMs: number) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * Everything about one device in one place, in tabs whose choice is in the URL: the overview
 * (metadata, latest values, a live chart), its events, its alarms and its audit trail (Activity)
 * for roles that read them. The header's status and last seen follow the live stream.
 */
export function DeviceDetail({
  id,
  canReadTelemetry,
  canReadAlarms,
  canAckAlarms,
  canReadAudit,
  canReadUsers,
}: {
  id: string;
  canReadTelemetry: boolean;
  canReadAlarms: boolean;
  canAckAlarms: boolean;
  canReadAudit: boolean;
  canReadUsers: boolean;
}) {
  const trpc = useTRPC();
  const { data: device } = useSuspenseQuery({
    ...trpc.devices.get.queryOptions({ id }),
    refetchInterval: devicePollMs,
  });
  const now = useNow(15_000);
  const live = useDeviceLive(id, canReadTelemetry);
  useDeviceRefreshOnLive(id, live);
  const [{ tab }, setView] = useQueryStates(deviceTabParams, { history: "push" });
  const shownTab: DeviceTab =
    (tab === "alarms" && !canReadAlarms) || (tab === "activity" && !canReadAudit) ? "overview" : tab;
  // One alarm feed for the page: it keeps the tab's badge and the Alarms tab's rows current.
  const alarmLive = useAlarmLiveRefresh({ enabled: canReadAlarms });
  const activeAlarms = useQuery({
    ...trpc.alarms.list.queryOptions(deviceAlarmInputs.activeCount(id)),
    enabled: canReadAlarms,
  });
  const activeCount = activeAlarms.data?.total ?? 0;

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-center gap-3">
        <div className="grid gap-1">
          <p className="text-muted-foreground text-sm">
            <Link href="/devices" className="underline-offset-4 hover:underline">
              Devices
            </Link>{" "}
            / {device.serialNumber}
          </p>
          <h1 className="font-semibold text-2xl">{device.name}</h1>
        </div>
        <div className="ml-auto flex flex-wrap gap-2">
          <DeviceStatusBadge status={device.status} />
          <ConnectivityBadge
            connected={device.status === "online"}
            lastSeenAt={device.lastSeenAt}
            now={now}
          />
        </div>
      </div>

      <Tabs value={shownTab} onValueChange={(value) => void setView({ tab: value as DeviceTab })}>
        <TabsList aria-label="Device sections">
          <TabsTrigger value="overview">Overview</TabsTrigger>
          <TabsTrigger value="events">Events</TabsTrigger>
          {canReadAlarms ? (
            <TabsTrigger value="alarms">
              Alarms
              {activeCount > 0 ? (
                <Badge variant="destructive" className="px-1.5 tabular-nums" data-slot="active-alarm-count">
                  {activeCount > 99 ? "99+" : activeCount}
                  <span className="sr-only"> active</span>
                </Badge>
              ) : null}
            </TabsTrigger>
          ) : null}
          {canReadAudit ? <TabsTrigger value="activity">Activity</TabsTrigger> : null}
        </TabsList>
        <TabsContent value="overview" className="pt-2">
          <section aria-label="Details" className="grid gap-4 lg:grid-cols-2">
            <Card className="gap-3 py-4">
              <CardHeader className="px-4">
                <CardTitle className="text-base">Details</CardTitle>
              </CardHeader>
              <CardContent className="px-4">
                <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
                  <dt className="text-muted-foreground">Type</dt>
                  <dd>{typeLabels[device.type]}</dd>
                  <dt className="text-muted-foreground">Serial</dt>
                  <dd className="font-mono">{device.serialNumber}</dd>
                  <dt className="text-muted-foreground">Site</dt>
                  <dd>{device.site}</dd>
                  <dt className="text-muted-foreground">Firmware</dt>
                  <dd>{device.firmwareVersion ?? "unknown"}</dd>
                  <dt className="text-muted-foreground">Tags</dt>
                  <dd className="flex flex-wrap gap-1">
                    {device.tags.length ? (
                      device.tags.map((tag) => (
                        <Badge key={tag} variant="secondary">
                          {tag}
                        </Badge>
                      ))
                    ) : (
                      <span className="text-muted-foreground">none</span>
                    )}
                  </dd>
                  <dt className="text-muted-foreground">Last seen</dt>
                  <dd>{device.lastSeenAt ? <LocalTime value={device.lastSeenAt} /> : "never"}</dd>
                  <dt className="text-muted-foreground">Registered</dt>
                  <dd>
                    <LocalTime value={device.createdAt} />
                  </dd>
                  <dt className="text-muted-foreground">Device id</dt>
                  <dd className="break-all font-mono text-xs">{device.id}</dd>
                </dl>
              </CardContent>
            </Card>
            {canReadTelemetry ? (
              <Telemetry deviceId={device.id} metrics={metricsFor(device.type)} live={live} />
            ) : (
              <p className="text-muted-foreground text-sm">Your role may not read telemetry.</p>
            )}
          </section>
        </TabsContent>
        <TabsContent value="events" className="pt-2">
          <DeviceEvents deviceId={device.id} />
        </TabsContent>
        {canReadAlarms ? (
          <TabsContent value="alarms" className="pt-2">
            <DeviceAlarms device={device} canAck={canAckAlarms} live={alarmLive} />
          </TabsContent>
        ) : null}
        {canReadAudit ? (
          <TabsContent value="activity" className="pt-2">
            <DeviceActivity deviceId={device.id} canReadUsers={canReadUsers} />
          </TabsContent>
        ) : null}
      </Tabs>
    </div>
  );
}

function Telemetry({
  deviceId,
  metrics,
  live,
}: {
  deviceId: string;
  metrics: MetricName[];
  live: DeviceLive;
}) {
  const trpc = useTRPC();
  const latest = useQuery(trpc.telemetry.latest.queryOptions({ deviceId }));
  const charted = metrics.filter((metric) => metricCatalog[metric].kind !== "text");
  const [view, setView] = useQueryStates(chartParams, { history: "push" });
  const metric = view.metric && charted.includes(view.metric) ? view.metric : charted[0];

  // Live readings: the latest values re-render, the chart gets its points without a React render.
  const [liveLatest, setLiveLatest] = useState<Record<string, { value: number | string; at: Date }>>({});
  const listeners = useRef(new Set<Push>());
  const metricRef = useRef(metric);
  metricRef.current = metric;
  useEffect(
    () =>
      live.subscribe((batch) => {
        setLiveLatest((old) => {
          const next = { ...old };
          for (const reading of batch.readings) {
            const seen = next[reading.metric];
            if (!seen || seen.at < reading.at)
              next[reading.metric] = { value: reading.value, at: reading.at };
          }
          return next;
        });
        for (const reading of batch.readings) {
          if (reading.metric !== metricRef.current || typeof reading.value !== "number") continue;
          for (const push of listeners.current) push(reading.at.getTime() / 1000, reading.value);
        }
      }),
    [live.subscribe],
  );
  const subscribe = useCallback((push: Push) => {
    listeners.current.add(push);
    return () => {
      listeners.current.delete(push);
    };
  }, []);

  const values = useMemo(() => {
    const merged = new Map<string, { value: number | string; at: Date }>();
    for (const reading of latest.data?.readings ?? []) merged.set(reading.metric, reading);
    for (const [name, reading] of Object.entries(liveLatest)) {
      const seen = merged.get(name);
      if (!seen || seen.at < reading.at) merged.set(name, reading);
    }
    return merged;
  }, [latest.data, liveLatest]);

  const range: TimeRange =
    view.range === "custom" && view.from && view.to
      ? { preset: "custom", from: view.from, to: view.to }
      : { preset: view.range === "custom" ? "24h" : view.range };

  return (
    <>
      <Card className="gap-3 py-4">
        <CardHeader className="px-4">
          <CardTitle className="text-base">Latest values</CardTitle>
          <CardDescription data-live={live.status}>
            {live.status === "pending"
              ? "Live"
              : live.status === "error"
                ? "Live updates paused"
                : "Connecting…"}
          </CardDescription>
        </CardHeader>
        <CardContent className="px-4">
          {latest.isPending ? (
            <div className="grid gap-2">
              {metrics.map((name) => (
                <Skeleton key={name} className="h-5 w-full" />
              ))}
            </div>
          ) : latest.isError ? (
            <p role="alert" className="text-destructive text-sm">
              {latest.error.message}
            </p>
          ) : (
            <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1.5 text-sm" aria-label="Latest values">
              {metrics.map((name) => {
                const reading = values.get(name);
                return (
                  <div key={name} className="contents">
                    <dt className="text-muted-foreground">{metricCatalog[name].description}</dt>
                    <dd
                      className="text-right font-medium tabular-nums"
                      data-metric={name}
                      title={reading ? when.format(reading.at) : undefined}
                    >
                      {reading ? formatValue(name, reading.value) : "—"}
                    </dd>
                  </div>
                );
              })}
            </dl>
          )}
        </CardContent>
      </Card>
      <Card className="gap-3 py-4 lg:col-span-2">
        <CardHeader className="flex flex-wrap items-center gap-3 px-4">
          <CardTitle className="text-base">History</CardTitle>
          <div className="ml-auto flex flex-wrap items-center gap-2">
            <label className="flex items-center gap-2 text-sm">
              <span className="text-muted-foreground">Metric</span>
              <select
                className="h-8 rounded-md border border-input bg-background px-2 text-sm"
                value={metric}
                onChange={(event) => void setView({ metric: event.target.value as MetricName })}
              >
                {charted.map((name) => (
                  <option key={name} value={name}>
                    {metricCatalog[name].description}
                  </option>
                ))}
              </select>
            </label>
            <TimeRangePicker
              value={range}
              onValueChange={(next) =>
                void setView(
                  next.preset === "custom"
                    ? { range: "custom", from: next.from, to: next.to }
                    : { range: next.preset, from: null, to: null },
                )
              }
            />
          </div>
        </CardHeader>
        <CardContent className="px-4">
          {metric ? (
            <MetricChart deviceId={deviceId} metric={metric} range={range} subscribe={subscribe} />
          ) : (
            <p className="text-muted-foreground text-sm">This device type reports no numeric metrics.</p>
          )}
        </CardContent>
      </Card>
    </>
  );
}

function MetricChart({
  deviceId,
  metric,
  range,
  subscribe,
}: {
  deviceId: string;
  metric: MetricName;
  range: TimeRange;
  subscribe: (push: Push) => () => void;
}) {
  const trpc = useTRPC();
  // A preset is resolved once per choice, so the query key stays put while the chart grows live.
  const rangeKey =
    range.preset === "custom" ? `${range.from.toISOString()}-${range.to.toISOString()}` : range.preset;
  // biome-ignore lint/correctness/useExhaustiveDependencies: rangeKey is the range's identity
  const span = useMemo(() => resolveTimeRange(range, new Date()), [rangeKey]);
  const series = useQuery(trpc.telemetry.series.queryOptions({ deviceId, metric, ...span, maxPoints: 500 }));
  const data = useMemo(() => {
    const buckets = series.data?.buckets ?? [];
    return {
      timestamps: buckets.map((bucket) => bucket.t.getTime() / 1000),
      values: buckets.map((bucket) => bucket.avg),
      ...(series.data?.resolution !== "raw" && {
        min: buckets.map((bucket) => bucket.min),
        max: buckets.map((bucket) => bucket.max),
      }),
    };
  }, [series.data]);

  if (series.isPending) return <Skeleton className="h-[280px] w-full" />;
  if (series.isError)
    return (
      <p role="alert" className="text-destructive text-sm">
        {series.error.message}
      </p>
    );
  return (
    <div className="grid gap-2">
      {data.timestamps.length === 0 ? (
        <p className="text-muted-foreground text-sm">
          No readings in this range yet; new ones appear as they arrive.
        </p>
      ) : null}
      <TimeSeriesChart
        key={`${metric}-${rangeKey}`}
        label={metricCatalog[metric].description}
        unit={metricCatalog[metric].unit}
        data={data}
        subscribe={range.preset === "custom" ? undefined : subscribe}
      />
    </div>
  );
}
