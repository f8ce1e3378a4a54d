import * as Sentry from "@sentry/node";

export interface ErrorReportingOptions {
  /** `SENTRY_DSN`; unset, reporting is off and every call here does nothing. */
  dsn?: string | undefined;
  /** `SENTRY_ENVIRONMENT`, else NODE_ENV. */
  environment?: string | undefined;
  release?: string | undefined;
  /** Which deployable reports (`web`, `ingest`): a tag to filter by. */
  service: string;
}

/**
 * Whether `initErrorReporting` ran in this process. Asked of Sentry's own global carrier rather than
 * a module variable: Next.js's bundle of the route handlers holds another copy of this module than
 * the server that initialised Sentry, and both must report.
 */
const enabled = () => Sentry.getClient() !== undefined;

/** Headers, cookies, bodies, query strings and users are dropped: an event names the code, not the person. */
function scrubbed<T extends Sentry.ErrorEvent>(event: T): T {
  delete event.user;
  if (event.request) {
    delete event.request.headers;
    delete event.request.cookies;
    delete event.request.data;
    delete event.request.query_string;
    if (event.request.url) event.request.url = event.request.url.split("?")[0];
  }
  for (const crumb of event.breadcrumbs ?? []) {
    delete crumb.data;
  }
  delete event.extra;
  return event;
}

/**
 * Sentry for the server side when `SENTRY_DSN` is set. No PII (`dataCollection` all off, and
 * `beforeSend` strips what an integration may still add), no tracing: performance belongs to the
 * Prometheus metrics. No OpenTelemetry provider and no module hooks, so it never competes with Next.js's own
 * instrumentation in the web process; errors are captured explicitly (tRPC `onError`, the worker)
 * and by the uncaught-exception handlers Sentry installs.
 */
export function initErrorReporting({ dsn, environment, release, service }: ErrorReportingOptions): boolean {
  if (!dsn || enabled()) return enabled();
  Sentry.init({
    dsn,
    environment: environment ?? process.env.NODE_ENV ?? "development",
    ...(release && { release }),
    // Sentry 11's successor of `sendDefaultPii: false`: collect no user, cookie, header, body,
    // query string or query parameter.
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpHeaders: false,
      httpBodies: [],
      urlQueryParams: false,
      databaseQueryData: false,
    },
    enableRuntimeChannelInjection: false,
    tracesSampleRate: 0,
    initialScope: { tags: { service } },
    beforeSend: (event) => scrubbed(event),
  });
  return enabled();
}

export interface ErrorContext {
  /** The request id the user was shown (`Internal error (request …)`), to find the event from it. */
  requestId?: string | undefined;
  /** Low-cardinality facts to filter by: `procedure`, `component`. */
  tags?: Record<string, string> | undefined;
}

/** Reports an error we caused; a no-op without `SENTRY_DSN`. */
export function reportError(error: unknown, context: ErrorContext = {}): void {
  if (!enabled()) return;
  Sentry.withScope((scope) => {
    if (context.requestId) scope.setTag("request_id", context.requestId);
    for (const [key, value] of Object.entries(context.tags ?? {})) scope.setTag(key, value);
    Sentry.captureException(error);
  });
}

/** Waits until queued events are sent (before exit, and in tests). */
export async function flushErrorReports(timeoutMs = 2_000): Promise<boolean> {
  return enabled() ? Sentry.flush(timeoutMs) : true;
}
