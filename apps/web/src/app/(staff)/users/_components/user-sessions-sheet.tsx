"use client";

import type { AppRouter } from "@revolv/api";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from "@revolv/ui/sheet";
import { Skeleton } from "@revolv/ui/skeleton";
import { toast } from "@revolv/ui/toaster";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { RequestError } from "~/app/_components/request-error";
import { SessionsTable } from "~/app/_components/sessions-table";
import { useTRPC } from "~/trpc/react";

type User = inferRouterOutputs<AppRouter>["users"]["list"]["items"][number];

/** One user's sessions beside the list; revoking one ends it at that browser's next request. */
export function UserSessionsSheet({
  user,
  onOpenChange,
}: {
  user: User | null;
  onOpenChange: (open: boolean) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sessions = useQuery({
    ...trpc.sessions.listForUser.queryOptions({ userId: user?.id ?? "" }),
    enabled: user !== null,
  });
  const revoke = useMutation(
    trpc.sessions.revokeAny.mutationOptions({
      onSuccess: () => toast.success("Session revoked"),
      onError: (error) => toast.error(error.message),
      onSettled: () => queryClient.invalidateQueries(trpc.sessions.pathFilter()),
    }),
  );
  return (
    <Sheet open={user !== null} onOpenChange={onOpenChange}>
      <SheetContent className="w-full sm:max-w-2xl">
        <SheetHeader>
          <SheetTitle>Sessions of {user?.username}</SheetTitle>
          <SheetDescription>Newest first. A revoked session is refused at its next request.</SheetDescription>
        </SheetHeader>
        <div className="overflow-auto px-4 pb-4">
          {sessions.isError ? (
            <RequestError error={sessions.error} onRetry={() => void sessions.refetch()} />
          ) : sessions.data ? (
            <SessionsTable
              label={`Sessions of ${user?.username}`}
              sessions={sessions.data.items}
              revoking={revoke.isPending ? revoke.variables?.id : undefined}
              onRevoke={(id) => revoke.mutate({ id })}
            />
          ) : (
            <div className="grid gap-2" role="status" aria-busy aria-label="Loading sessions">
              <Skeleton className="h-9 w-full" />
              <Skeleton className="h-9 w-full" />
            </div>
          )}
        </div>
      </SheetContent>
    </Sheet>
  );
}
