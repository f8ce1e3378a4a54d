import { resolvePrincipal } from "@revolv/auth";
import type { Services } from "./services";
import { createTRPCContext } from "./trpc";

export interface RequestContextOptions {
  services: Services;
  headers: Headers;
  authSecret: string;
  resHeaders?: Headers;
}

/**
 * The context for an HTTP request (tRPC or REST): the principal comes from
 * `Authorization: Bearer` or the next-auth cookie and is checked against `sessions`.
 */
export async function createRequestContext({
  services,
  headers,
  authSecret,
  resHeaders,
}: RequestContextOptions) {
  const principal = await resolvePrincipal(services.db, headers, authSecret);
  return createTRPCContext({ services, headers, principal, authSecret, ...(resHeaders && { resHeaders }) });
}
