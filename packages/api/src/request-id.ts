import { randomUUID } from "node:crypto";

/**
 * A caller-supplied `x-request-id` (e.g. from the load balancer) is kept when it is short and
 * plain, because it ends up in logs, audit rows and error messages; anything else gets a fresh id.
 */
export function requestIdFrom(headers: Headers): string {
  const supplied = headers.get("x-request-id");
  return supplied && /^[\w.:-]{1,128}$/.test(supplied) ? supplied : randomUUID();
}
