import { permissions, rolePermissions } from "@revolv/auth";
import { type RoleName, roleNames } from "@revolv/validators";
import { type AnyProcedure, type AnyRouter, TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequestContext } from "../src/request-context";
import { appRouter } from "../src/root";
import {
  createCallerFactory,
  createTRPCRouter,
  type ProcedureMeta,
  protectedProcedure,
  publicProcedure,
  requirePermission,
} from "../src/trpc";
import { type ApiStack, authSecret, openApiStack } from "./api-stack";

type Access = NonNullable<ProcedureMeta["access"]>;
type Caller = "anonymous" | RoleName;
/** "allowed" is anything but the middleware's 401/403: a 400 for missing input or a 404 counts. */
type Outcome = "UNAUTHORIZED" | "FORBIDDEN" | "allowed";

const callers: Caller[] = ["anonymous", ...roleNames];
const accessValues: readonly string[] = ["public", "authenticated", ...permissions];

/**
 * Deliberately short lists: a procedure that skips the permission check (public, or any signed-in
 * user) has to be added here, on purpose. Everything else is covered by the walk as it is.
 */
const intendedPublicProcedures = ["auth.acceptInvitation", "auth.register", "auth.token", "health.check"];
const intendedAnyUserProcedures = [
  "auth.changePassword",
  "auth.logout",
  "sessions.list",
  "sessions.revoke",
  "users.me",
];

const proceduresOf = (router: AnyRouter) => router._def.procedures as Record<string, AnyProcedure>;
const accessOf = (procedure: AnyProcedure): unknown =>
  (procedure._def.meta as ProcedureMeta | undefined)?.access;
const isAccess = (value: unknown): value is Access =>
  typeof value === "string" && accessValues.includes(value);

function expectedOutcome(access: Access, caller: Caller): Outcome {
  if (access === "public") return "allowed";
  if (caller === "anonymous") return "UNAUTHORIZED";
  if (access === "authenticated") return "allowed";
  return rolePermissions[caller].includes(access) ? "allowed" : "FORBIDDEN";
}

/** A subscription that got past the middleware is stopped at once; we only wanted to know it started. */
async function stopIfStream(result: unknown): Promise<void> {
  if (result && typeof result === "object" && Symbol.asyncIterator in result) {
    await (result as AsyncIterable<unknown>)[Symbol.asyncIterator]().return?.();
  }
}

type Callable = (input: unknown) => Promise<unknown>;

describe("the access matrix, walked over every procedure of the app router", () => {
  let stack: ApiStack;
  beforeAll(async () => {
    stack = await openApiStack("access-matrix");
  });
  afterAll(() => stack?.close());

  /**
   * Calls `path` with no input through the real request context (a bearer token resolved against
   * the sessions table), as a fresh session of `caller`, so e.g. `auth.logout` spoils nothing.
   */
  async function observe(router: AnyRouter, path: string, caller: Caller): Promise<Outcome> {
    const headers = new Headers(caller === "anonymous" ? {} : { authorization: await stack.bearer(caller) });
    // Registration open, so auth.register's own setting (403 otherwise, for everyone alike; tested
    // in invitations.test.ts) does not mask what its access declaration lets through.
    const ctx = await createRequestContext({
      services: stack.services,
      headers,
      authSecret,
      registration: "open",
    });
    const abort = new AbortController();
    const caller_ = createCallerFactory(router)(ctx, { signal: abort.signal });
    const call = path
      .split(".")
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller_);
    try {
      await stopIfStream(await (call as Callable)(undefined));
      return "allowed";
    } catch (error) {
      if (error instanceof TRPCError && (error.code === "UNAUTHORIZED" || error.code === "FORBIDDEN")) {
        return error.code;
      }
      return "allowed";
    } finally {
      abort.abort();
    }
  }

  async function observeEveryCaller(router: AnyRouter, path: string) {
    const observed: Partial<Record<Caller, Outcome>> = {};
    for (const caller of callers) observed[caller] = await observe(router, path, caller);
    return observed;
  }

  const expectedForEveryCaller = (access: Access) =>
    Object.fromEntries(callers.map((caller) => [caller, expectedOutcome(access, caller)]));

  const procedures = Object.entries(proceduresOf(appRouter));

  it("finds every procedure, of every type, each declaring its access", () => {
    const paths = procedures.map(([path]) => path);
    // Spot checks that the walk reaches nested routers; the list itself grows with the API.
    expect(paths).toEqual(
      expect.arrayContaining([
        "devices.create",
        "users.me",
        "sessions.revokeAny",
        "users.invite",
        "users.invitations",
        "users.revokeInvitation",
        "auth.acceptInvitation",
      ]),
    );
    for (const [path, procedure] of procedures) {
      expect(["query", "mutation", "subscription"], `${path} has an unknown type`).toContain(
        procedure._def.type,
      );
    }
    const undeclared = procedures
      .filter(([, procedure]) => !isAccess(accessOf(procedure)))
      .map(([path]) => path);
    expect(undeclared, "procedures without meta.access").toEqual([]);
  });

  it("skips the permission check only on the procedures meant to", () => {
    const pathsWith = (access: Access) =>
      procedures
        .filter(([, procedure]) => accessOf(procedure) === access)
        .map(([path]) => path)
        .sort();
    expect(pathsWith("public")).toEqual(intendedPublicProcedures);
    expect(pathsWith("authenticated")).toEqual(intendedAnyUserProcedures);
  });

  it.each(procedures.map(([path]) => path))(
    "%s answers anonymous and every role exactly as the matrix says",
    async (path) => {
      const access = accessOf(proceduresOf(appRouter)[path] as AnyProcedure);
      if (!isAccess(access)) throw new Error(`${path} declares no access in meta`);
      expect(await observeEveryCaller(appRouter, path)).toEqual(expectedForEveryCaller(access));
    },
  );

  describe("the walk catches what it is for", () => {
    const faultyRouter = createTRPCRouter({
      undeclared: publicProcedure.meta({ access: undefined }).query(() => "anyone"),
      // Claims a permission in meta but only checks for a session.
      mislabelled: protectedProcedure.meta({ access: "user:manage" }).mutation(() => "anyone signed in"),
      live: requirePermission("telemetry:read").subscription(async function* () {
        yield "reading";
      }),
    });

    it("flags a procedure without a declared access", () => {
      const undeclared = Object.entries(proceduresOf(faultyRouter))
        .filter(([, procedure]) => !isAccess(accessOf(procedure)))
        .map(([path]) => path);
      expect(undeclared).toEqual(["undeclared"]);
    });

    it("sees a middleware that lets through more than meta declares", async () => {
      const observed = await observeEveryCaller(faultyRouter, "mislabelled");
      expect(observed).not.toEqual(expectedForEveryCaller("user:manage"));
      expect(observed.viewer).toBe("allowed");
    });

    it("walks subscriptions too", async () => {
      expect(await observeEveryCaller(faultyRouter, "live")).toEqual(
        expectedForEveryCaller("telemetry:read"),
      );
    });
  });
});
