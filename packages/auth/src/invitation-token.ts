import { createHash, randomBytes } from "node:crypto";

/**
 * An invitation token is 32 random bytes, like a device credential: a fast hash stores it
 * safely (nothing to brute-force), and the hash is what the invitation is looked up by.
 */
export function generateInvitationToken(): string {
  return `rvi_${randomBytes(32).toString("base64url")}`;
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
