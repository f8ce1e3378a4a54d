type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(",") : value;
}

/**
 * The client address as the load balancer saw it. The ALB appends the peer address to
 * `x-forwarded-for`, so the LAST entry is the one a client cannot forge; earlier entries are
 * whatever the client sent. Null when unknown, so the per-IP limit is skipped rather than
 * lumping every caller into one bucket.
 */
export function clientIpFrom(headers: HeaderSource): string | null {
  const forwarded = header(headers, "x-forwarded-for");
  const last = forwarded
    ?.split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .at(-1);
  const ip = last ?? header(headers, "x-real-ip")?.trim();
  return ip ? ip.slice(0, 64) : null;
}

export function userAgentFrom(headers: HeaderSource): string | null {
  return header(headers, "user-agent")?.slice(0, 512) ?? null;
}
