"use client";

import type { AppRouter } from "@revolv/api";
import { Badge } from "@revolv/ui/badge";
import { Button } from "@revolv/ui/button";
import { LocalTime } from "@revolv/ui/local-time";
import type { inferRouterOutputs } from "@trpc/server";

type Session = inferRouterOutputs<AppRouter>["sessions"]["list"]["items"][number];

function sessionState(session: Session, now: Date) {
  if (session.revokedAt) return "revoked";
  if (session.expiresAt <= now) return "expired";
  return "active";
}

/** Sessions newest first; the one this browser uses is marked, the live ones can be revoked. */
export function SessionsTable({
  sessions,
  onRevoke,
  revoking,
  label,
}: {
  sessions: Session[];
  onRevoke: (id: string) => void;
  revoking?: string | undefined;
  label: string;
}) {
  const now = new Date();
  if (sessions.length === 0) return <p className="text-muted-foreground text-sm">No sessions.</p>;
  return (
    <div className="overflow-auto rounded-md border">
      <table className="w-full text-sm" aria-label={label}>
        <thead>
          <tr className="border-b text-left text-muted-foreground">
            <th scope="col" className="h-9 px-3 font-medium">
              Signed in
            </th>
            <th scope="col" className="h-9 px-3 font-medium">
              From
            </th>
            <th scope="col" className="h-9 px-3 font-medium">
              State
            </th>
            <th scope="col" className="h-9 px-3">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => {
            const state = sessionState(session, now);
            return (
              <tr key={session.id} className="border-b last:border-0" data-session={session.id}>
                <td className="whitespace-nowrap px-3 py-2">
                  <LocalTime value={session.createdAt} />
                  {session.current ? (
                    <Badge variant="secondary" className="ml-2">
                      This browser
                    </Badge>
                  ) : null}
                </td>
                <td
                  className="max-w-64 truncate px-3 py-2 text-muted-foreground"
                  title={session.userAgent ?? undefined}
                >
                  {session.ip ?? "—"} {session.userAgent ? `· ${session.userAgent}` : ""}
                </td>
                <td className="px-3 py-2">{state}</td>
                <td className="px-3 py-2 text-right">
                  {state === "active" ? (
                    <Button
                      size="sm"
                      variant="outline"
                      disabled={revoking === session.id}
                      onClick={() => onRevoke(session.id)}
                      aria-label={session.current ? "Revoke this browser's session" : "Revoke session"}
                    >
                      Revoke
                    </Button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
