import type { RegistrationMode } from "@revolv/validators";
import { handleRestRequest, handleTrpcRequest } from "../src/http";
import type { Services } from "../src/services";
import { authSecret } from "./api-stack";

/** The requests the web app's route handlers pass on, built and answered in-process. */
const origin = "http://revolv.test";

export interface CallOptions {
  authorization?: string | undefined;
  /** A raw body as sent, for bodies that are not JSON at all. */
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export function createHttpCaller(
  services: Services,
  log: (line: string, error: unknown) => void,
  { registration }: { registration?: RegistrationMode } = {},
) {
  const handlerOptions = { services, authSecret, log, ...(registration && { registration }) };
  const headersFor = (options: CallOptions, hasBody: boolean) =>
    new Headers({
      ...(hasBody && { "content-type": options.contentType ?? "application/json" }),
      ...(options.authorization && { authorization: options.authorization }),
      ...options.headers,
    });

  return {
    /** `method /api/v1{path}`; the JSON body is `body` unless `rawBody` is given. */
    rest(method: string, path: string, body: unknown, options: CallOptions = {}) {
      const hasBody = method !== "GET" && (body !== undefined || options.rawBody !== undefined);
      const req = new Request(`${origin}/api/v1${path}`, {
        method,
        headers: headersFor(options, hasBody),
        ...(hasBody && { body: options.rawBody ?? JSON.stringify(body) }),
      });
      return handleRestRequest(req, handlerOptions);
    },

    /** A single (unbatched) tRPC mutation, its input wrapped the way superjson sends plain JSON. */
    trpcMutation(path: string, input: unknown, options: CallOptions = {}) {
      const req = new Request(`${origin}/api/trpc/${path}`, {
        method: "POST",
        headers: headersFor(options, true),
        body: options.rawBody ?? JSON.stringify(input === undefined ? {} : { json: input }),
      });
      return handleTrpcRequest(req, handlerOptions);
    },

    trpcQuery(path: string, input: unknown, options: CallOptions = {}) {
      const query =
        input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
      const req = new Request(`${origin}/api/trpc/${path}${query}`, { headers: headersFor(options, false) });
      return handleTrpcRequest(req, handlerOptions);
    },
  };
}
