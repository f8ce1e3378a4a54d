import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createOpenApiFetchHandler } from "trpc-to-openapi";
import { restPrefix } from "./openapi";
import { createRequestContext } from "./request-context";
import { appRouter } from "./root";
import type { Services } from "./services";

export interface HttpHandlerOptions {
  services: Services;
  authSecret: string;
  /** Where the handler is mounted; the defaults are the web app's routes. */
  endpoint?: `/${string}`;
  log?: (line: string, error: unknown) => void;
}

const defaultLog = (line: string, error: unknown) => console.error(line, error);

/** tRPC over HTTP (`/api/trpc`), the principal resolved from the bearer token or the cookie. */
export function handleTrpcRequest(req: Request, options: HttpHandlerOptions): Promise<Response> {
  const log = options.log ?? defaultLog;
  return fetchRequestHandler({
    endpoint: options.endpoint ?? "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ resHeaders }) =>
      createRequestContext({
        services: options.services,
        headers: req.headers,
        authSecret: options.authSecret,
        resHeaders,
      }),
    onError({ error, path, ctx }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        log(`[trpc] ${path ?? "?"} failed (request ${ctx?.requestId ?? "?"}):`, error.cause ?? error);
      }
    },
  });
}

/**
 * The same procedures as REST (`/api/v1/...`, from `meta.openapi`). Errors answer with the
 * matching HTTP status and a JSON body `{ code, message, issues? }`.
 */
export async function handleRestRequest(req: Request, options: HttpHandlerOptions): Promise<Response> {
  const log = options.log ?? defaultLog;
  const resHeaders = new Headers({ "cache-control": "no-store" });
  return createOpenApiFetchHandler({
    endpoint: options.endpoint ?? restPrefix,
    req,
    router: appRouter,
    createContext: () =>
      createRequestContext({
        services: options.services,
        headers: req.headers,
        authSecret: options.authSecret,
        resHeaders,
      }),
    responseMeta: () => ({ headers: Object.fromEntries(resHeaders.entries()) }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") log(`[rest] ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}
