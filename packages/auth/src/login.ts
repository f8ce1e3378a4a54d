import type { Database } from "@revolv/db/client";
import { roles, users } from "@revolv/db/schema";
import { counter } from "@revolv/observability/metrics";
import type { RoleName } from "@revolv/validators";
import { eq, or, sql } from "drizzle-orm";
import { hashPassword, verifyPassword } from "./password";
import {
  accountKey,
  defaultLoginRateLimit,
  type LoginRateLimit,
  loginRetryAfterSeconds,
  recordLoginAttempt,
} from "./rate-limit";
import { createSession } from "./session";

// Every sign-in, browser or bearer token, passes here: failures, rate limits and successes in one
// counter, so a dashboard shows the failure share and an alert the spikes.
const signInAttempts = counter<"outcome">({
  name: "auth_sign_in_attempts_total",
  help: "Sign-in attempts by outcome: success, invalid_credentials, rate_limited.",
  labelNames: ["outcome"],
});

export interface LoginRequest {
  /** Email or username. */
  login: string;
  password: string;
  ip?: string | null | undefined;
  userAgent?: string | null | undefined;
  sessionTtlMs: number;
}

export type LoginResult =
  | {
      ok: true;
      user: { id: string; email: string; username: string; role: RoleName };
      session: { id: string; expiresAt: Date };
    }
  | { ok: false; reason: "invalid_credentials" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

// Verified when the account does not exist, so a wrong login costs the same time as a
// wrong password and response timing does not reveal which accounts exist.
let decoyHash: Promise<string> | undefined;
const getDecoyHash = () => {
  decoyHash ??= hashPassword("decoy password that never matches anything");
  return decoyHash;
};

/**
 * Checks credentials under the rate limit and, on success, opens a `sessions` row. Disabled
 * accounts fail exactly like a wrong password.
 */
export async function login(
  db: Database,
  request: LoginRequest,
  limit: LoginRateLimit = defaultLoginRateLimit,
): Promise<LoginResult> {
  const needle = request.login.trim().toLowerCase();
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      username: users.username,
      passwordHash: users.passwordHash,
      disabled: users.disabled,
      role: roles.name,
    })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(or(sql`lower(${users.email}) = ${needle}`, sql`lower(${users.username}) = ${needle}`))
    .limit(1);

  const account = accountKey({ userId: user?.id, login: needle });
  const retryAfterSeconds = await loginRetryAfterSeconds(db, account, request.ip, limit);
  if (retryAfterSeconds > 0) {
    signInAttempts.inc({ outcome: "rate_limited" });
    return { ok: false, reason: "rate_limited", retryAfterSeconds };
  }

  const passwordOk = await verifyPassword(user?.passwordHash ?? (await getDecoyHash()), request.password);
  const ok = Boolean(user && passwordOk && !user.disabled);
  await recordLoginAttempt(db, account, request.ip, ok, limit);
  if (!ok || !user) {
    signInAttempts.inc({ outcome: "invalid_credentials" });
    return { ok: false, reason: "invalid_credentials" };
  }
  signInAttempts.inc({ outcome: "success" });

  const session = await createSession(db, {
    userId: user.id,
    ttlMs: request.sessionTtlMs,
    ip: request.ip,
    userAgent: request.userAgent,
  });
  return {
    ok: true,
    user: { id: user.id, email: user.email, username: user.username, role: user.role },
    session: { id: session.id, expiresAt: session.expiresAt },
  };
}
