"use client";

import type { AppRouter } from "@revolv/api";
import { LocalTime } from "@revolv/ui/local-time";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from "@revolv/ui/sheet";
import type { inferRouterOutputs } from "@trpc/server";
import { AuditDiff } from "./audit-diff";

export type AuditEvent = inferRouterOutputs<AppRouter>["audit"]["list"]["items"][number];

/**
 * One audit event in a drawer: who did what to which target when, its before/after diff, and
 * the request it came from. The audit log and the device page's Activity tab open the same one.
 */
export function AuditDrawer({
  event,
  actorName,
  onClose,
}: {
  event: AuditEvent | null;
  actorName: (id: string | null) => string;
  onClose: () => void;
}) {
  return (
    <Sheet open={event !== null} onOpenChange={(next) => !next && onClose()}>
      <SheetContent className="w-full overflow-y-auto sm:max-w-xl">
        {event ? (
          <>
            <SheetHeader>
              <SheetTitle>
                <code>{event.action}</code>
              </SheetTitle>
              <SheetDescription>
                By {actorName(event.actorId)} at <LocalTime value={event.createdAt} /> on {event.targetType}{" "}
                <code className="break-all">{event.targetId ?? "—"}</code>
              </SheetDescription>
            </SheetHeader>
            <div className="grid gap-3 px-4 pb-4">
              <AuditDiff before={event.before} after={event.after} />
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-muted-foreground text-xs">
                <dt>Request id</dt>
                <dd>
                  <code>{event.requestId ?? "—"}</code>
                </dd>
                <dt>Client address</dt>
                <dd>{event.ip ?? "—"}</dd>
              </dl>
            </div>
          </>
        ) : null}
      </SheetContent>
    </Sheet>
  );
}
