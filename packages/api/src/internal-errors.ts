import { createLogger } from "@revolv/observability/logger";
import { reportError } from "@revolv/observability/sentry";

/** How the HTTP handlers log an error we caused: a line, the error, and the request's ids. */
export type InternalErrorLog = (
  line: string,
  error: unknown,
  fields?: { requestId: string; procedure?: string | undefined },
) => void;

let fallback: ReturnType<typeof createLogger> | undefined;

/** Used when the process gave the handlers no logger (tests, scripts): JSON lines on stdout. */
export const defaultInternalErrorLog: InternalErrorLog = (line, error, fields) => {
  fallback ??= createLogger({ name: "api" });
  fallback.error({ err: error, ...fields }, line);
};

/**
 * An error we caused, on its way out as `Internal error (request …)`: logged with the request id
 * the user was shown, and sent to Sentry (when configured) tagged with the same id.
 */
export function recordInternalError(
  log: InternalErrorLog,
  line: string,
  error: unknown,
  fields: { requestId: string; procedure?: string | undefined },
): void {
  log(line, error, fields);
  reportError(error, {
    requestId: fields.requestId,
    ...(fields.procedure && { tags: { procedure: fields.procedure } }),
  });
}
