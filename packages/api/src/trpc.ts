import { randomUUID } from "node:crypto";
import { formatIssues } from "@revolv/validators";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { Services } from "./services";

export interface CreateContextOptions {
  services: Services;
  headers: Headers;
  requestId?: string;
}

export function createTRPCContext({ services, headers, requestId }: CreateContextOptions) {
  return { ...services, headers, requestId: requestId ?? headers.get("x-request-id") ?? randomUUID() };
}
export type Context = ReturnType<typeof createTRPCContext>;

const t = initTRPC.context<Context>().create({
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
export const publicProcedure = t.procedure;
export { TRPCError };
