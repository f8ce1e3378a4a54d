"use client";

import { LocalTime } from "@revolv/ui/local-time";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from "@revolv/ui/sheet";
import { AuditDiff } from "./audit-diff";
import type { AuditEvent } from "./audit-table";

/** One audit event's drawer: who, when, on what, the before/after diff and the request id. */
export function AuditEventSheet({
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
