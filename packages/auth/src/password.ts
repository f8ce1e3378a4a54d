import { hash, verify } from "@node-rs/argon2";

// OWASP's argon2id baseline (19 MiB, t=2, p=1): ~30 ms here, slow enough against offline
// guessing, fast enough that login stays responsive on a 2-core machine.
const argon2idOptions = {
  algorithm: 2, // Algorithm.Argon2id; the const enum cannot be imported under isolatedModules
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2idOptions);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a failed login, never a 500.
    return false;
  }
}
