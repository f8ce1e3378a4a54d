"use client";

import { Button } from "@revolv/ui/button";
import { TRPCClientError } from "@trpc/client";

/** The request id the server put in a tRPC error, to quote to support. */
export function requestIdOf(error: unknown): string | undefined {
  return error instanceof TRPCClientError
    ? (error.data as { requestId?: string } | undefined)?.requestId
    : undefined;
}

/** What went wrong with a query, its request id, and a way to try again. */
export function RequestError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const requestId = requestIdOf(error);
  return (
    <div role="alert" className="grid gap-2 rounded-md border border-destructive/50 p-4 text-sm">
      <p className="font-medium">{error instanceof Error ? error.message : "Something went wrong."}</p>
      {requestId ? (
        <p className="text-muted-foreground">
          Request id <code>{requestId}</code>
        </p>
      ) : null}
      {onRetry ? (
        <div>
          <Button size="sm" variant="outline" onClick={onRetry}>
            Try again
          </Button>
        </div>
      ) : null}
    </div>
  );
}
