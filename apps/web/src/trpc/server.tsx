import { type AppRouter, appRouter, createRequestContext } from "@revolv/api";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy, type TRPCQueryOptions } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache, type ReactNode } from "react";
import { getRuntime } from "~/server/services";
import { createQueryClient } from "./query-client";

/**
 * The request's context, built once per request: the caller's session is resolved from the
 * cookie the browser sent, so server components read through the same permission checks as
 * every other client.
 */
export const getRequestContext = cache(async () => {
  const { services, authSecret, registration } = getRuntime();
  return createRequestContext({ services, headers: new Headers(await headers()), authSecret, registration });
});

/** One QueryClient per request, shared by every server component of that request. */
export const getQueryClient = cache(createQueryClient);

/** Calls the router directly (no HTTP hop) with the caller's context. */
export const trpc = createTRPCOptionsProxy<AppRouter>({
  router: appRouter,
  ctx: getRequestContext,
  queryClient: getQueryClient,
});

/** Starts a query on the server; the client picks up its result from `<HydrateClient>`. */
// biome-ignore lint/suspicious/noExplicitAny: any procedure's options, as create-t3-turbo types it
export function prefetch<T extends ReturnType<TRPCQueryOptions<any>>>(queryOptions: T) {
  void getQueryClient().prefetchQuery(queryOptions);
}

export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
