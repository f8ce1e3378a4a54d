import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * A device credential is 32 random bytes, so a fast hash is enough to store it safely
 * (nothing to brute-force, unlike a human password), and the broker can check hundreds of
 * reconnecting devices per second without argon2's cost.
 */
export function generateDeviceCredential(): string {
  return `rvk_${randomBytes(32).toString("base64url")}`;
}

export function hashDeviceCredential(credential: string): string {
  return createHash("sha256").update(credential).digest("hex");
}

export function verifyDeviceCredential(storedHash: string, credential: string): boolean {
  const candidate = Buffer.from(hashDeviceCredential(credential), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return stored.length === candidate.length && timingSafeEqual(stored, candidate);
}
