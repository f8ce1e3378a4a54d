import { createHmac, timingSafeEqual } from "node:crypto";

export const signatureHeader = "X-Revolv-Signature";

/** `sha256=<hex HMAC-SHA256 of the raw body under the endpoint's secret>`. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** What a receiver does: recompute over the raw bytes and compare in constant time. */
export function verifySignature(body: string, secret: string, header: string | null | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(body, secret));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
