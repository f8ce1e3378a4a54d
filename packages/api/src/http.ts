import type { RegistrationMode } from "@revolv/validators";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createOpenApiFetchHandler } from "trpc-to-openapi";
import { deviceCsvPath, handleDeviceCsvRequest } from "./devices-csv-route";
import { defaultInternalErrorLog, type InternalErrorLog, recordInternalError } from "./internal-errors";
import { restPrefix } from "./openapi";
import { createRequestContext } from "./request-context";
import { requestIdFrom } from "./request-id";
import { keepBodyInputsStrict } from "./rest-coercion";
import { type RestError, toRestError } from "./rest-errors";
import { appRouter } from "./root";
import type { Services } from "./services";

let bodyInputsStrict = false;

/**
 * trpc-to-openapi turns on `coerce` in the input schemas of every REST request it serves, and those
 * schemas are tRPC's too (see rest-coercion.ts), so the REST handler pins the body-only ones strict
 * before it serves its first request. It happens here rather than when the module is imported, so
 * importing the API (for its types, the OpenAPI document or tRPC alone) changes no schema.
 */
function prepareRestInputs() {
  if (bodyInputsStrict) return;
  keepBodyInputsStrict(appRouter);
  bodyInputsStrict = true;
}

export interface HttpHandlerOptions {
  services: Services;
  authSecret: string;
  /** `REGISTRATION`: who may create an account. */
  registration?: RegistrationMode;
  /** Where the handler is mounted; the defaults are the web app's routes. */
  endpoint?: `/${string}`;
  log?: InternalErrorLog | undefined;
}

const defaultLog = defaultInternalErrorLog;

/** One request's context, the same for tRPC and REST: caller, request id, response headers. */
const contextFor = (req: Request, options: HttpHandlerOptions, requestId: string, resHeaders: Headers) =>
  createRequestContext({
    services: options.services,
    headers: req.headers,
    authSecret: options.authSecret,
    resHeaders,
    requestId,
    ...(options.registration && { registration: options.registration }),
  });

/**
 * tRPC over HTTP (`/api/trpc`), the principal resolved from the bearer token or the cookie.
 * Headers a procedure sets on `ctx.resHeaders` (e.g. `Retry-After`) reach the response, errors included.
 */
export async function handleTrpcRequest(req: Request, options: HttpHandlerOptions): Promise<Response> {
  const log = options.log ?? defaultLog;
  const requestId = requestIdFrom(req.headers);
  const response = await fetchRequestHandler({
    endpoint: options.endpoint ?? "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ resHeaders }) => contextFor(req, options, requestId, resHeaders),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        recordInternalError(log, `trpc ${path ?? "?"} failed (request ${requestId})`, error.cause ?? error, {
          requestId,
          procedure: path,
        });
      }
    },
  });
  response.headers.set("x-request-id", requestId);
  return response;
}

const restError = (status: number, error: RestError, headers?: Headers) =>
  Response.json(error, { status, ...(headers && { headers }) });

/**
 * A body that claims to be JSON and is not is refused up front: trpc-to-openapi would otherwise
 * ignore it for procedures without input (e.g. `POST /auth/logout`) and answer 200.
 */
async function malformedJsonBody(req: Request): Promise<boolean> {
  if (req.method === "GET" || req.method === "HEAD" || !req.body) return false;
  if (!req.headers.get("content-type")?.includes("application/json")) return false;
  const text = await req.clone().text();
  if (text.trim() === "") return false;
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}

/**
 * The same procedures as REST (`/api/v1/...`, from `meta.openapi`). Errors answer with the
 * matching HTTP status and exactly `{ code, message, issues? }`; trpc-to-openapi's own error body
 * also carries tRPC's envelope, so it is rewritten here.
 */
export async function handleRestRequest(req: Request, options: HttpHandlerOptions): Promise<Response> {
  prepareRestInputs();
  const log = options.log ?? defaultLog;
  const requestId = requestIdFrom(req.headers);
  const resHeaders = new Headers({ "cache-control": "no-store", "x-request-id": requestId });

  const endpoint = options.endpoint ?? restPrefix;
  if (req.method === "GET" && new URL(req.url).pathname === `${endpoint}${deviceCsvPath}`) {
    return handleDeviceCsvRequest(req, options, requestId, resHeaders, log);
  }

  if (await malformedJsonBody(req)) {
    return restError(400, { code: "PARSE_ERROR", message: "The request body is not valid JSON" }, resHeaders);
  }

  const response = await createOpenApiFetchHandler({
    endpoint,
    req,
    router: appRouter,
    createContext: () => contextFor(req, options, requestId, resHeaders),
    // Called on success and on error alike, after the procedure ran: what it set (Retry-After) is here.
    responseMeta: () => ({ headers: Object.fromEntries(resHeaders.entries()) }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        recordInternalError(log, `rest ${path ?? "?"} failed (request ${requestId})`, error.cause ?? error, {
          requestId,
          procedure: path,
        });
      }
    },
  });
  if (response.status < 400) return response;
  const upstream: unknown = await response.json().catch(() => undefined);
  return restError(response.status, toRestError(upstream, requestId), response.headers);
}
