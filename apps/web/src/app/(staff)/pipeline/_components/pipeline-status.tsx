"use client";

import type { AppRouter } from "@revolv/api";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@revolv/ui/card";
import { LocalTime } from "@revolv/ui/local-time";
import { Skeleton } from "@revolv/ui/skeleton";
import { Sparkline } from "@revolv/ui/sparkline";
import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import type { ReactNode } from "react";
import { RequestError } from "~/app/_components/request-error";
import { useTRPC } from "~/trpc/react";

type Status = inferRouterOutputs<AppRouter>["pipeline"]["status"];

const number = new Intl.NumberFormat("en");
const seconds = (value: number) =>
  value < 10
    ? `${value.toFixed(2)} s`
    : value < 120
      ? `${value.toFixed(1)} s`
      : `${(value / 60).toFixed(1)} min`;

/** One figure of the pipeline, or "Not available" with the reason the deployment cannot read it. */
function Figure({
  title,
  children,
  unavailable,
  note,
}: {
  title: string;
  children?: ReactNode;
  unavailable?: string | undefined;
  note?: ReactNode;
}) {
  return (
    <Card className="gap-2 py-4" role="region" aria-label={title}>
      <CardHeader className="px-4">
        <CardTitle className="font-medium text-muted-foreground text-sm">{title}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-1 px-4">
        {unavailable ? (
          <>
            <p className="font-semibold text-lg">Not available</p>
            <p className="text-muted-foreground text-xs">{unavailable}</p>
          </>
        ) : (
          <>
            <div className="font-semibold text-2xl tabular-nums">{children}</div>
            {note ? <div className="text-muted-foreground text-xs">{note}</div> : null}
          </>
        )}
      </CardContent>
    </Card>
  );
}

function QueueFigures({ status }: { status: Status }) {
  const { queue, deadLetterQueue } = status;
  return (
    <>
      <Figure title="Queue depth" unavailable={queue.available ? undefined : queue.reason}>
        {queue.available ? (
          <>
            <span data-figure="queue-visible">{number.format(queue.visible)}</span>
            <span className="ml-2 font-normal text-muted-foreground text-sm">
              waiting, {number.format(queue.inFlight)} in flight
            </span>
          </>
        ) : null}
      </Figure>
      <Figure
        title="Dead letters"
        unavailable={deadLetterQueue.available ? undefined : deadLetterQueue.reason}
        note="Messages the pipeline refused; listed below."
      >
        {deadLetterQueue.available ? (
          <span data-figure="dead-letters">
            {number.format(deadLetterQueue.visible + deadLetterQueue.inFlight)}
          </span>
        ) : null}
      </Figure>
    </>
  );
}

function StoredFigures({ status }: { status: Status }) {
  const { stored } = status;
  if (!stored.available) {
    return (
      <>
        <Figure title="Stored per minute" unavailable={stored.reason} />
        <Figure title="Publish → stored lag" unavailable={stored.reason} />
      </>
    );
  }
  const lastMinute = stored.perMinute.at(-2)?.count ?? 0; // the newest whole minute
  const lastHour = stored.perMinute.reduce((sum, m) => sum + m.count, 0);
  return (
    <>
      <Figure
        title="Stored per minute"
        note={
          <>
            <span data-figure="stored-last-hour">{number.format(lastHour)}</span> in the last hour
            {stored.lastStoredAt ? (
              <>
                {", last at "}
                <LocalTime value={stored.lastStoredAt} format="time" />
              </>
            ) : (
              ", none stored in the last day"
            )}
          </>
        }
      >
        <span data-figure="stored-last-minute">{number.format(lastMinute)}</span>
        <Sparkline
          className="mt-1 h-8"
          values={stored.perMinute.map((m) => m.count)}
          label={`Messages stored per minute over the last hour, ${lastHour} in all`}
        />
      </Figure>
      <Figure
        title="Publish → stored lag"
        note={
          stored.lagSeconds
            ? `median over the last hour's messages; 95th percentile ${seconds(stored.lagSeconds.p95)}, slowest ${seconds(stored.lagSeconds.max)}`
            : "No message was stored in the last hour."
        }
      >
        {stored.lagSeconds ? seconds(stored.lagSeconds.p50) : "—"}
      </Figure>
    </>
  );
}

function FleetFigures({ status }: { status: Status }) {
  const { devices, workerInstances } = status;
  return (
    <>
      <Figure
        title="Connected devices"
        unavailable={devices.available ? undefined : devices.reason}
        note="Devices holding an MQTT connection to the broker now."
      >
        {devices.available ? (
          <span data-figure="connected-devices">{number.format(devices.connected)}</span>
        ) : null}
      </Figure>
      <Figure
        title="Worker instances seen"
        unavailable={workerInstances.available ? undefined : workerInstances.reason}
      >
        {workerInstances.available ? (
          <span data-figure="worker-instances">{number.format(workerInstances.seen)}</span>
        ) : null}
      </Figure>
    </>
  );
}

function WorkerFigures({ status }: { status: Status }) {
  const { worker } = status;
  if (!worker.available) {
    return (
      <Card className="gap-2 py-4" role="region" aria-label="Ingest worker">
        <CardHeader className="px-4">
          <CardTitle className="text-base">Ingest worker</CardTitle>
          <CardDescription>Not available: {worker.reason}.</CardDescription>
        </CardHeader>
      </Card>
    );
  }
  const rows: [string, string][] = [
    ["Batches stored (flushes)", number.format(worker.flushes)],
    ["Messages stored", number.format(worker.messagesStored)],
    ["Insert failures", number.format(worker.insertFailures)],
    ["Dead-letter failures", number.format(worker.deadLetterFailures)],
    ["Receive errors", number.format(worker.receiveFailures)],
    ["Mean publish → stored lag", worker.meanLagSeconds === null ? "—" : seconds(worker.meanLagSeconds)],
    ...worker.rejected.map(({ reason, count }): [string, string] => [
      `Refused: ${reason}`,
      number.format(count),
    ]),
  ];
  return (
    <Card className="gap-2 py-4" role="region" aria-label="Ingest worker">
      <CardHeader className="px-4">
        <CardTitle className="text-base">Ingest worker</CardTitle>
        <CardDescription>As the worker in this process counts them, since it started.</CardDescription>
      </CardHeader>
      <CardContent className="px-4">
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2 lg:grid-cols-4">
          {rows.map(([label, value]) => (
            <div key={label} className="flex justify-between gap-2 border-b py-1">
              <dt className="text-muted-foreground">{label}</dt>
              <dd className="font-medium tabular-nums">{value}</dd>
            </div>
          ))}
        </dl>
      </CardContent>
    </Card>
  );
}

/** Ingest health at a glance: every figure from SQS, ClickHouse or the worker's own metrics. */
export function PipelineStatusPanels() {
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.pipeline.status.queryOptions(), refetchInterval: 10_000 });
  if (query.isError) return <RequestError error={query.error} onRetry={() => void query.refetch()} />;
  // No loading.tsx: a route-level Suspense boundary would stream a 200 before the page's 403.
  if (!query.data)
    return (
      <div
        className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3"
        role="status"
        aria-busy="true"
        aria-label="Loading the pipeline's figures"
      >
        {["queue", "dead", "stored", "lag", "devices", "workers"].map((key) => (
          <Skeleton key={key} className="h-28" />
        ))}
      </div>
    );
  const status = query.data;
  return (
    <section aria-label="Pipeline health" className="grid gap-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <QueueFigures status={status} />
        <StoredFigures status={status} />
        <FleetFigures status={status} />
      </div>
      <WorkerFigures status={status} />
    </section>
  );
}
