import { TRPCClientError } from "@trpc/client";

/** The request id the server put on an error, for the error state ("quote this id"). */
export const requestIdOf = (error: unknown): string | undefined =>
  error instanceof TRPCClientError
    ? (error.data as { requestId?: string } | undefined)?.requestId
    : undefined;
