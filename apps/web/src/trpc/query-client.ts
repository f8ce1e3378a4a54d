import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

/**
 * One factory for the browser's client and each server request's client. The API speaks
 * SuperJSON (packages/api/src/trpc.ts), so dehydrated server data keeps its Dates; pending
 * queries are dehydrated too, so a prefetch streams into the page instead of blocking it.
 */
export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // Long enough that hydrated data is not refetched the moment the page mounts.
      queries: { staleTime: 30_000 },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) =>
          defaultShouldDehydrateQuery(query) || query.state.status === "pending",
        // Errors are rendered by the client with their request id; keep them server-side.
        shouldRedactErrors: () => false,
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
