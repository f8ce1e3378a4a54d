"use client";

import type { AppRouter } from "@revolv/api";
import { Badge } from "@revolv/ui/badge";
import { LocalTime } from "@revolv/ui/local-time";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from "@revolv/ui/sheet";
import type { inferRouterOutputs } from "@trpc/server";
import { DeviceOfLetter } from "./dead-letter-device";

type DeadLetter = inferRouterOutputs<AppRouter>["pipeline"]["deadLetters"]["items"][number];

/** One dead letter whole: the table shows the start of its body, this the rest. */
export function DeadLetterDrawer({ letter, onClose }: { letter: DeadLetter | null; onClose: () => void }) {
  return (
    <Sheet open={letter !== null} onOpenChange={(open) => !open && onClose()}>
      <SheetContent className="w-full sm:max-w-2xl">
        <SheetHeader>
          <SheetTitle>Dead letter</SheetTitle>
          <SheetDescription className="break-all font-mono text-xs">{letter?.messageId}</SheetDescription>
        </SheetHeader>
        {letter ? (
          <div className="grid min-h-0 gap-4 overflow-auto px-4 pb-4 text-sm">
            <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2">
              <dt className="text-muted-foreground">Reason</dt>
              <dd className="grid gap-1">
                <Badge variant="outline" className="w-fit font-mono">
                  {letter.reason}
                </Badge>
                {letter.detail ? <span className="text-muted-foreground">{letter.detail}</span> : null}
              </dd>
              <dt className="text-muted-foreground">Device</dt>
              <dd className="min-w-0">
                <DeviceOfLetter deviceId={letter.deviceId} deviceName={letter.deviceName} />
              </dd>
              <dt className="text-muted-foreground">Dead-lettered</dt>
              <dd>{letter.deadLetteredAt ? <LocalTime value={letter.deadLetteredAt} /> : "—"}</dd>
              <dt className="text-muted-foreground">Reads</dt>
              <dd>{letter.receiveCount} (each look at this list counts one)</dd>
            </dl>
            <div className="grid gap-1">
              <h3 className="font-medium">Body</h3>
              <pre className="whitespace-pre-wrap break-all rounded bg-muted p-3 font-mono text-xs">
                {letter.body || "(empty)"}
                {letter.bodyTruncated ? "\n… (only the first 2,000 characters are shown)" : ""}
              </pre>
            </div>
          </div>
        ) : null}
      </SheetContent>
    </Sheet>
  );
}
