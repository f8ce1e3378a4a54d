import type { Services } from "@revolv/api";
import type { RegistrationMode } from "@revolv/validators";

/** What the custom server opens once and every route handler reads. */
export interface Runtime {
  services: Services;
  /** Signs next-auth cookies and bearer tokens. */
  authSecret: string;
  /** `REGISTRATION`: who may create an account. */
  registration: RegistrationMode;
}

/**
 * The custom server (loaded by tsx) and the route handlers (bundled by Next) hold separate
 * copies of this module, so the engines opened at start-up are handed over on globalThis.
 */
const key = Symbol.for("revolv.runtime");
type Holder = { [key]?: Runtime };

export function publishRuntime(runtime: Runtime): void {
  (globalThis as Holder)[key] = runtime;
}

export function getRuntime(): Runtime {
  const runtime = (globalThis as Holder)[key];
  if (!runtime) throw new Error("The stack is not started; run the app through server.ts");
  return runtime;
}

export const getServices = (): Services => getRuntime().services;
