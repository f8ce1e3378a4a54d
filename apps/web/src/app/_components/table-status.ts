import type { DataTableStatus } from "@revolv/ui/data-table";
import { requestIdOf } from "./request-error";

/** The parts of a TanStack query a server-paginated table's status is read from. */
interface TableQuery {
  isError: boolean;
  error: { message: string } | null;
  isPending: boolean;
  isPlaceholderData: boolean;
  refetch: () => unknown;
}

/**
 * What a server-paginated table shows for its query: the error with its request id and a retry;
 * loading while a new view's page is fetched (aria-busy, skeleton rows) rather than the previous
 * view's rows as if they answered the new one; or ready.
 */
export function tableStatusOf(query: TableQuery): DataTableStatus {
  if (query.isError && query.error)
    return {
      kind: "error",
      message: query.error.message,
      requestId: requestIdOf(query.error),
      onRetry: () => void query.refetch(),
    };
  return query.isPending || query.isPlaceholderData ? { kind: "loading" } : { kind: "ready" };
}
