import type { Database } from "@revolv/db/client";
import { loginAttempts } from "@revolv/db/schema";
import { and, count, eq, gt, inArray, lt, min } from "drizzle-orm";

export interface LoginRateLimit {
  windowMs: number;
  /** Failures per account (the login as typed) within the window. */
  maxAccountFailures: number;
  /** Failures per client IP; higher, because an office or a NAT shares one address. */
  maxIpFailures: number;
}

export const defaultLoginRateLimit: LoginRateLimit = {
  windowMs: 15 * 60 * 1000,
  maxAccountFailures: 5,
  maxIpFailures: 20,
};

/**
 * An existing account is keyed by its id, so its email and username share one budget; an
 * unknown login by the text as typed. Both are limited alike, so the answer never reveals
 * which accounts exist.
 */
export const accountKey = (account: { userId?: string | undefined; login: string }) =>
  account.userId ? `account:${account.userId}` : `account:${account.login.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/** Seconds until the caller may try again, or 0 when allowed. */
/** `account` is an {@link accountKey}. */
export async function loginRetryAfterSeconds(
  db: Database,
  account: string,
  ip: string | null | undefined,
  limit: LoginRateLimit = defaultLoginRateLimit,
): Promise<number> {
  const since = new Date(Date.now() - limit.windowMs);
  const keys = [account, ...(ip ? [ipKey(ip)] : [])];
  const rows = await db
    .select({ key: loginAttempts.key, failures: count(), oldest: min(loginAttempts.createdAt) })
    .from(loginAttempts)
    .where(
      and(
        inArray(loginAttempts.key, keys),
        eq(loginAttempts.succeeded, false),
        gt(loginAttempts.createdAt, since),
      ),
    )
    .groupBy(loginAttempts.key);
  let retryAfterMs = 0;
  for (const row of rows) {
    const max = row.key.startsWith("ip:") ? limit.maxIpFailures : limit.maxAccountFailures;
    if (row.failures < max || !row.oldest) continue;
    retryAfterMs = Math.max(retryAfterMs, new Date(row.oldest).getTime() + limit.windowMs - Date.now());
  }
  return retryAfterMs > 0 ? Math.ceil(retryAfterMs / 1000) : 0;
}

export async function recordLoginAttempt(
  db: Database,
  account: string,
  ip: string | null | undefined,
  succeeded: boolean,
  limit: LoginRateLimit = defaultLoginRateLimit,
): Promise<void> {
  const keys = [account, ...(ip ? [ipKey(ip)] : [])];
  if (succeeded) {
    // A correct password clears the account's failures; the IP's stay, so one valid account
    // cannot be used to reset the counter while guessing others from the same address.
    await db.delete(loginAttempts).where(eq(loginAttempts.key, account));
  } else {
    await db.insert(loginAttempts).values(keys.map((key) => ({ key, succeeded: false })));
  }
  // Old rows are useless to the limit; pruning on the write path keeps the table small.
  await db.delete(loginAttempts).where(lt(loginAttempts.createdAt, new Date(Date.now() - limit.windowMs)));
}
