import {
  clientIpFrom,
  type Permission,
  type Principal,
  roleHasPermission,
  userAgentFrom,
} from "@revolv/auth";
import { defaultRegistrationMode, formatIssues, type RegistrationMode } from "@revolv/validators";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import type { OpenApiMeta } from "trpc-to-openapi";
import { ZodError, z } from "zod";
import { databaseErrorToTRPC } from "./database-errors";
import { procedureTimer } from "./procedure-metrics";
import { requestIdFrom } from "./request-id";
import type { Services } from "./services";

export type { Principal };

/**
 * Every procedure declares its access in meta, so the matrix test can walk the router and
 * a procedure without a declaration is caught. `public` and `authenticated` need no permission.
 * Optional only in the type, because `.meta({ openapi })` merges into the builder's meta; the
 * builders below always set it, and the matrix test fails a procedure without it.
 */
export interface ProcedureMeta extends OpenApiMeta {
  access?: Permission | "public" | "authenticated";
}

export interface CreateContextOptions {
  services: Services;
  headers: Headers;
  principal?: Principal | null;
  requestId?: string;
  /** Signs bearer tokens (`auth.token`); the route handlers pass `AUTH_SECRET`. */
  authSecret?: string;
  /** Headers the response should carry, e.g. `Retry-After` on a rate-limited login. */
  resHeaders?: Headers;
  /** Who may create an account (`REGISTRATION`); `invite` unless the app says otherwise. */
  registration?: RegistrationMode;
}

export function createTRPCContext({
  services,
  headers,
  principal,
  requestId,
  authSecret,
  resHeaders,
  registration,
}: CreateContextOptions) {
  return {
    ...services,
    headers,
    principal: principal ?? null,
    requestId: requestId ?? requestIdFrom(headers),
    authSecret,
    ip: clientIpFrom(headers),
    userAgent: userAgentFrom(headers),
    resHeaders: resHeaders ?? new Headers(),
    registration: registration ?? defaultRegistrationMode,
  };
}
export type Context = ReturnType<typeof createTRPCContext>;

/**
 * The context could not be built (e.g. Postgres did not answer the session lookup). It carries
 * the request id, because the error formatter gets no context to read it from.
 */
export class RequestContextError extends TRPCError {
  constructor(
    readonly requestId: string,
    cause: unknown,
  ) {
    super({ code: "INTERNAL_SERVER_ERROR", message: "The request context could not be built", cause });
  }
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    // Subscriptions (telemetry.live) are server-sent events. Pings keep idle streams alive
    // through proxies (an ALB drops a connection after 60 s of silence); a client that hears
    // nothing for longer reconnects and resumes from its last event id. Streams are cut after
    // maxDurationMs and the client's EventSource reconnects, which re-checks the session: a
    // revoked session stops receiving within that time.
    sse: {
      ping: { enabled: true, intervalMs: 10_000 },
      client: { reconnectAfterInactivityMs: 25_000 },
      maxDurationMs: 5 * 60_000,
    },
    errorFormatter({ shape, error, ctx }) {
      const zodError = error.cause instanceof ZodError ? error.cause : undefined;
      // Errors we caused are reported with the request id only, never their internals.
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      const requestId =
        ctx?.requestId ?? (error instanceof RequestContextError ? error.requestId : undefined);
      const message = internal
        ? `Internal error (request ${requestId ?? "unknown"})`
        : zodError
          ? formatIssues(zodError, { whole: null })
          : shape.message;
      const { stack: _stack, ...data } = shape.data;
      return {
        ...shape,
        message,
        data: { ...data, requestId, issues: zodError ? z.flattenError(zodError) : undefined },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Constraint violations a caller can cause (a duplicate serial, a malformed value that slipped
 * past validation) become 409/400 instead of a 500.
 */
const procedure = t.procedure.use(async ({ next, path }) => {
  const done = procedureTimer(path);
  const result = await next();
  if (!result.ok) {
    const mapped = databaseErrorToTRPC(result.error.cause ?? result.error);
    done(mapped?.code ?? result.error.code);
    if (mapped) throw mapped;
  } else {
    done("OK");
  }
  return result;
});

const unauthorized = () => new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });

export const publicProcedure = procedure.meta({ access: "public" });

export const protectedProcedure = procedure.meta({ access: "authenticated" }).use(({ ctx, next }) => {
  if (!ctx.principal) throw unauthorized();
  return next({ ctx: { ...ctx, principal: ctx.principal } });
});

/** The only place a role is checked: 401 without a session, 403 without the permission. */
export function requirePermission(permission: Permission) {
  return procedure.meta({ access: permission }).use(({ ctx, next }) => {
    if (!ctx.principal) throw unauthorized();
    if (!roleHasPermission(ctx.principal.role, permission)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `Your role may not do this (needs ${permission})` });
    }
    return next({ ctx: { ...ctx, principal: ctx.principal } });
  });
}
export { TRPCError };
