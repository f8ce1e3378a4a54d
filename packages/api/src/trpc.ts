import { randomUUID } from "node:crypto";
import { type Permission, roleHasPermission } from "@revolv/auth";
import type { RoleName } from "@revolv/validators";
import { formatIssues } from "@revolv/validators";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { Services } from "./services";

/** Who is calling, resolved from the next-auth cookie or a Bearer token by the route handler. */
export interface Principal {
  userId: string;
  sessionId: string;
  role: RoleName;
}

/**
 * Every procedure declares its access in meta, so the matrix test can walk the router and
 * a procedure without a declaration is caught. `public` and `authenticated` need no permission.
 */
export interface ProcedureMeta {
  access: Permission | "public" | "authenticated";
  openapi?: Record<string, unknown>;
}

export interface CreateContextOptions {
  services: Services;
  headers: Headers;
  principal?: Principal | null;
  requestId?: string;
}

export function createTRPCContext({ services, headers, principal, requestId }: CreateContextOptions) {
  return {
    ...services,
    headers,
    principal: principal ?? null,
    requestId: requestId ?? headers.get("x-request-id") ?? randomUUID(),
  };
}
export type Context = ReturnType<typeof createTRPCContext>;

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error, ctx }) {
      const zodError = error.cause instanceof ZodError ? error.cause : undefined;
      // Errors we caused are reported with the request id only, never their internals.
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      const message = internal
        ? `Internal error (request ${ctx?.requestId ?? "unknown"})`
        : zodError
          ? formatIssues(zodError)
          : shape.message;
      const { stack: _stack, ...data } = shape.data;
      return {
        ...shape,
        message,
        data: { ...data, requestId: ctx?.requestId, issues: zodError ? z.flattenError(zodError) : undefined },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.meta({ access: "public" });

export const protectedProcedure = t.procedure.meta({ access: "authenticated" }).use(({ ctx, next }) => {
  if (!ctx.principal) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  return next({ ctx: { ...ctx, principal: ctx.principal } });
});

/** The only place a role is checked: 401 without a session, 403 without the permission. */
export function requirePermission(permission: Permission) {
  return t.procedure.meta({ access: permission }).use(({ ctx, next }) => {
    if (!ctx.principal) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
    if (!roleHasPermission(ctx.principal.role, permission)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `Your role may not do this (needs ${permission})` });
    }
    return next({ ctx: { ...ctx, principal: ctx.principal } });
  });
}
export { TRPCError };
