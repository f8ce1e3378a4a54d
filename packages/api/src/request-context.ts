import { resolvePrincipal } from "@revolv/auth";
import type { RegistrationMode } from "@revolv/validators";
import { requestIdFrom } from "./request-id";
import type { Services } from "./services";
import { createTRPCContext, RequestContextError } from "./trpc";

export interface RequestContextOptions {
  services: Services;
  headers: Headers;
  authSecret: string;
  resHeaders?: Headers;
  requestId?: string;
  registration?: RegistrationMode;
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
  requestId,
  registration,
}: RequestContextOptions) {
  const id = requestId ?? requestIdFrom(headers);
  let principal: Awaited<ReturnType<typeof resolvePrincipal>>;
  try {
    principal = await resolvePrincipal(services.db, headers, authSecret);
  } catch (cause) {
    throw new RequestContextError(id, cause);
  }
  return createTRPCContext({
    services,
    headers,
    principal,
    authSecret,
    requestId: id,
    ...(resHeaders && { resHeaders }),
    ...(registration && { registration }),
  });
}
