import type { AppRouter } from "@revolv/api";
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
} from "@trpc/client";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { EventSource } from "eventsource";
import superjson from "superjson";

export type { AppRouter };
export type RevolvInputs = inferRouterInputs<AppRouter>;
export type RevolvOutputs = inferRouterOutputs<AppRouter>;
export type RevolvClient = TRPCClient<AppRouter>;
export { TRPCClientError } from "@trpc/client";

/** A bearer token, or a function returning the current one (e.g. after a refresh). */
export type TokenSource =
  | string
  | null
  | undefined
  | (() => string | null | undefined | Promise<string | null | undefined>);

export interface RevolvClientOptions {
  /** The web app's origin, e.g. `https://devices.example.com`. */
  url: string;
  /** From `auth.token` (or `POST /api/v1/auth/token`); omit for public procedures only. */
  token?: TokenSource;
  /** Extra headers on every call, e.g. an `x-request-id`. */
  headers?: Record<string, string>;
  /** Another fetch, e.g. one that adds a proxy or, in tests, calls the handler in-process. */
  fetch?: typeof fetch;
}

const trpcUrl = (origin: string) => `${origin.replace(/\/+$/, "")}/api/trpc`;

async function authorization(token: TokenSource): Promise<Record<string, string>> {
  const value = typeof token === "function" ? await token() : token;
  return value ? { authorization: `Bearer ${value}` } : {};
}

/**
 * The typed client for the Revolv API: queries and mutations over batched HTTP, subscriptions
 * (`telemetry.live`) over server-sent events, every input and output typed from `AppRouter`.
 */
export function createRevolvClient({
  url,
  token,
  headers = {},
  fetch: fetchImpl = fetch,
}: RevolvClientOptions): RevolvClient {
  const endpoint = trpcUrl(url);
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url: endpoint,
          transformer: superjson,
          // The WHATWG EventSource cannot send headers; this one takes a fetch that can.
          EventSource,
          eventSourceOptions: async () => {
            const auth = await authorization(token);
            return {
              fetch: (input: string | URL | Request, init?: RequestInit) =>
                fetchImpl(input, { ...init, headers: { ...init?.headers, ...headers, ...auth } }),
            };
          },
        }),
        false: httpBatchLink({
          url: endpoint,
          transformer: superjson,
          fetch: fetchImpl,
          headers: async () => ({ ...headers, ...(await authorization(token)) }),
        }),
      }),
    ],
  });
}

export interface SignInOptions extends Pick<RevolvClientOptions, "fetch"> {
  url: string;
  /** Email or username. */
  login: string;
  password: string;
}

/** Exchanges credentials for a short-lived bearer token and returns a client that uses it. */
export async function signIn({ url, login, password, fetch }: SignInOptions) {
  const anonymous = createRevolvClient({ url, ...(fetch && { fetch }) });
  const session = await anonymous.auth.token.mutate({ login, password });
  return { client: createRevolvClient({ url, token: session.token, ...(fetch && { fetch }) }), session };
}
