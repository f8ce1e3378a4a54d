"use client";

import { AlarmSeverityBadge } from "@revolv/ui/alarm-severity-badge";
import { Badge } from "@revolv/ui/badge";
import { LocalTime } from "@revolv/ui/local-time";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from "@revolv/ui/sheet";
import { Skeleton } from "@revolv/ui/skeleton";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { requestIdOf } from "~/app/_components/request-error";
import { useTRPC } from "~/trpc/react";
import type { Alarm } from "./alarm-columns";

const transitionLabels = { raised: "Raised", acknowledged: "Acknowledged", cleared: "Cleared" } as const;
const deliveryVariant = { pending: "muted", delivered: "success", failed: "destructive" } as const;

function Failed({ what, error }: { what: string; error: unknown }) {
  const requestId = requestIdOf(error);
  return (
    <p role="alert" className="text-destructive text-sm">
      Could not load {what}: {(error as Error).message}
      {requestId ? ` (request ${requestId})` : ""}
    </p>
  );
}

/** One alarm's story: every transition, and the notifications each one sent. */
export function AlarmDrawer({ alarm, onClose }: { alarm: Alarm | undefined; onClose: () => void }) {
  const trpc = useTRPC();
  const transitions = useQuery({
    ...trpc.alarms.transitions.queryOptions({ id: alarm?.id ?? "" }),
    enabled: Boolean(alarm),
  });
  // The delivery log is per rule; this alarm's deliveries are those of its transitions.
  const deliveries = useQuery({
    ...trpc.alarms.deliveries.queryOptions({ ruleId: alarm?.ruleId, pageSize: 200 }),
    enabled: Boolean(alarm),
  });
  const ownTransitions = new Set(transitions.data?.map((t) => t.id));
  const ownDeliveries = deliveries.data?.items.filter((d) => ownTransitions.has(d.transitionId)) ?? [];

  return (
    <Sheet open={Boolean(alarm)} onOpenChange={(open) => !open && onClose()}>
      <SheetContent className="w-full overflow-y-auto sm:max-w-lg" aria-describedby={undefined}>
        {alarm ? (
          <>
            <SheetHeader>
              <SheetTitle>{alarm.ruleName}</SheetTitle>
              <SheetDescription asChild>
                <div className="flex flex-wrap items-center gap-2">
                  <AlarmSeverityBadge
                    severity={alarm.severity}
                    acknowledged={alarm.status === "cleared" ? undefined : alarm.status === "acknowledged"}
                  />
                  <span>
                    on{" "}
                    <Link href={`/devices/${alarm.deviceId}`} className="underline underline-offset-4">
                      {alarm.deviceName}
                    </Link>{" "}
                    at {alarm.site}
                  </span>
                </div>
              </SheetDescription>
            </SheetHeader>
            <section className="grid gap-2 px-4" aria-labelledby="alarm-transitions">
              <h3 id="alarm-transitions" className="font-medium">
                Transitions
              </h3>
              {transitions.isPending ? (
                <Skeleton className="h-16" />
              ) : transitions.isError ? (
                <Failed what="the transitions" error={transitions.error} />
              ) : (
                <ol className="grid gap-2 border-l pl-4" data-slot="alarm-transitions">
                  {transitions.data.map((t) => (
                    <li key={t.id} className="grid gap-0.5 text-sm" data-kind={t.kind}>
                      <span className="font-medium">
                        {transitionLabels[t.kind]}
                        {t.value === null ? "" : ` at ${t.value}`}
                        <span className="font-normal text-muted-foreground">
                          {" "}
                          {t.actorId ? "by a staff member" : "by the rule"}
                        </span>
                      </span>
                      <span className="text-muted-foreground">
                        <LocalTime value={t.at} />
                      </span>
                      {t.comment ? <q className="text-muted-foreground italic">{t.comment}</q> : null}
                    </li>
                  ))}
                </ol>
              )}
            </section>
            <section className="grid gap-2 px-4 pb-4" aria-labelledby="alarm-deliveries">
              <h3 id="alarm-deliveries" className="font-medium">
                Notifications
              </h3>
              {deliveries.isPending ? (
                <Skeleton className="h-12" />
              ) : deliveries.isError ? (
                <Failed what="the deliveries" error={deliveries.error} />
              ) : ownDeliveries.length === 0 ? (
                <p className="text-muted-foreground text-sm">
                  None sent: the rule has no channels. A supervisor can add a webhook or email in{" "}
                  <Link href="/alarms/rules" className="underline underline-offset-4">
                    Rules
                  </Link>
                  .
                </p>
              ) : (
                <ul className="grid gap-2">
                  {ownDeliveries.map((d) => (
                    <li key={d.id} className="grid gap-0.5 rounded-md border p-2 text-sm">
                      <span className="flex items-center gap-2">
                        <Badge variant={deliveryVariant[d.status]}>{d.status}</Badge>
                        <span className="truncate">
                          {d.kind === "webhook" ? "Webhook" : "Email"} to {d.target}
                        </span>
                      </span>
                      <span className="text-muted-foreground">
                        {d.attempts} attempt{d.attempts === 1 ? "" : "s"}
                        {d.lastStatus ? `, last answer ${d.lastStatus}` : ""}
                        {d.lastError ? `, ${d.lastError}` : ""}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        ) : null}
      </SheetContent>
    </Sheet>
  );
}
