import type { Services } from "@revolv/api";

/**
 * The custom server (loaded by tsx) and the route handlers (bundled by Next) hold separate
 * copies of this module, so the engines opened at start-up are handed over on globalThis.
 */
const key = Symbol.for("revolv.services");
type Holder = { [key]?: Services };

export function publishServices(services: Services): void {
  (globalThis as Holder)[key] = services;
}

export function getServices(): Services {
  const services = (globalThis as Holder)[key];
  if (!services) throw new Error("Services are not started; run the app through server.ts");
  return services;
}
