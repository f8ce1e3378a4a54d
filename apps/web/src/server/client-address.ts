import type { IncomingMessage } from "node:http";

/**
 * The rate limit and the audit trail read the caller's address from `x-forwarded-for` (its
 * last entry, the one a load balancer appends). Served directly, a client could write any
 * address there and so choose its own rate-limit bucket: the header is replaced with the
 * socket's peer address. Behind a balancer that appends the real client (an AWS ALB does),
 * TRUST_PROXY=1 keeps the header as the balancer wrote it.
 */
export function pinClientAddress(req: IncomingMessage, trustProxy: boolean): void {
  if (trustProxy) return;
  delete req.headers["x-real-ip"];
  const peer = req.socket.remoteAddress;
  if (peer) req.headers["x-forwarded-for"] = peer;
  else delete req.headers["x-forwarded-for"];
}
