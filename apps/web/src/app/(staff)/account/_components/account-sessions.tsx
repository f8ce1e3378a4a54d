"use client";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@revolv/ui/card";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { RequestError } from "~/app/_components/request-error";
import { SessionsTable } from "~/app/_components/sessions-table";
import { useTRPC } from "~/trpc/react";

/** The signed-in user's own sessions; revoking this browser's signs it out at the next step. */
export function AccountSessions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.sessions.list.queryOptions());
  const revoke = useMutation(
    trpc.sessions.revoke.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.sessions.list.pathFilter()),
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>Your sessions</CardTitle>
        <CardDescription>Every sign-in, newest first. Revoke one you do not recognise.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {revoke.isError ? <RequestError error={revoke.error} /> : null}
        <SessionsTable
          label="Your sessions"
          sessions={data.items}
          revoking={revoke.isPending ? revoke.variables?.id : undefined}
          onRevoke={(id) => revoke.mutate({ id })}
        />
      </CardContent>
    </Card>
  );
}
