import type { InternalErrorLog, Services } from "@revolv/api";
import type { RegistrationMode } from "@revolv/validators";

/**
 * How route handlers reach the engines, in one place.
 *
 * `server.ts` (run by tsx) opens the stack (`@revolv/stack`), then publishes a `Runtime` here
 * with `publishRuntime`, before Next.js loads a route. Route handlers and pages (bundled by
 * Next) read it with `getRuntime()` / `getServices()`. The two sides hold separate copies of
 * this module — tsx loads one, Next's bundle another — so a module variable would not be
 * shared; the hand-over goes through `globalThis` under a registered symbol, which both copies
 * resolve to the same key. `Holder` types that slot; nothing else reads or writes it.
 *
 * Started as `next dev` or `next start` instead of `server.ts`, nothing would publish it and
 * every request would fail; next.config.ts calls `assertStartedByServer` so the process stops at
 * once, saying what to run.
 */
export interface Runtime {
  services: Services;
  /** Signs next-auth cookies and bearer tokens. */
  authSecret: string;
  /** `REGISTRATION`: who may create an account. */
  registration: RegistrationMode;
  /** `METRICS_TOKEN`: the bearer `/api/metrics` asks for; unset, it is open. */
  metricsToken?: string | undefined;
  /** Where the API handlers log errors we caused (the process's logger). */
  log?: InternalErrorLog | undefined;
}

const runtimeKey = Symbol.for("revolv.runtime");
type Holder = { [runtimeKey]?: Runtime };

/**
 * Set by server.ts before it starts Next. An environment variable rather than the global above,
 * because Next may load next.config.ts in processes of its own, which inherit the environment.
 */
export const startedByServerVariable = "REVOLV_STARTED_BY_SERVER";

export const notStartedByServerMessage =
  "apps/web must be started through server.ts, which opens the databases, the device edge and the ingest worker that route handlers use. Run `pnpm dev` (development) or `pnpm build && pnpm start` (production) from the repository root, not `next dev` or `next start`.";

export function markStartedByServer(): void {
  process.env[startedByServerVariable] = "1";
}

/** For next.config.ts: refuses to serve when Next was started without server.ts. */
export function assertStartedByServer(): void {
  if (process.env[startedByServerVariable] !== "1") throw new Error(notStartedByServerMessage);
}

export function publishRuntime(runtime: Runtime): void {
  (globalThis as Holder)[runtimeKey] = runtime;
}

export function getRuntime(): Runtime {
  const runtime = (globalThis as Holder)[runtimeKey];
  if (!runtime) throw new Error(notStartedByServerMessage);
  return runtime;
}

export const getServices = (): Services => getRuntime().services;
