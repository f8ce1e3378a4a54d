import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type DatabaseHandle, roles, seedDatabase, users } from "@revolv/db";
import { openTestDatabase } from "@revolv/db/testing";
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signAccessToken } from "../src/access-token";
import { login } from "../src/login";
import { hashPassword } from "../src/password";
import { resolvePrincipal } from "../src/principal";
import { revokeSession } from "../src/session";

const secret = "test-secret-that-is-long-enough-for-hs256-000";
const password = "correct horse battery staple";
const limit = { windowMs: 60_000, maxAccountFailures: 3, maxIpFailures: 5 };

describe("login, sessions and principals", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-auth-"));
  let database: DatabaseHandle;

  beforeAll(async () => {
    database = await openTestDatabase(dataDir);
    await seedDatabase(database.db, {
      hashPassword,
      adminEmail: "root@example.com",
      adminPassword: password,
    });
    const [viewer] = await database.db.select().from(roles).where(eq(roles.name, "viewer"));
    for (const username of ["vera", "dora"]) {
      await database.db.insert(users).values({
        username,
        email: `${username}@example.com`,
        passwordHash: await hashPassword(password),
        roleId: viewer?.id as string,
      });
    }
  });
  afterAll(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const attempt = (loginName: string, pw: string, ip = "10.0.0.1") =>
    login(database.db, { login: loginName, password: pw, ip, sessionTtlMs: 60_000 }, limit);

  it("accepts email or username case-insensitively and opens a session", async () => {
    const byEmail = await attempt("ROOT@example.com", password);
    const byName = await attempt("Admin", password);
    expect(byEmail).toMatchObject({ ok: true, user: { role: "admin" } });
    expect(byName).toMatchObject({ ok: true, user: { username: "admin" } });
    if (!byEmail.ok || !byName.ok) throw new Error("unreachable");
    expect(byEmail.session.id).not.toBe(byName.session.id);
  });

  it("answers a wrong password and an unknown account identically, then rate limits both", async () => {
    const known = await attempt("vera", "wrong password!!", "10.0.0.2");
    const unknown = await attempt("nobody", "wrong password!!", "10.0.0.3");
    expect(known).toEqual({ ok: false, reason: "invalid_credentials" });
    expect(unknown).toEqual(known);
    for (let i = 0; i < 2; i++) {
      await attempt("vera", "wrong password!!", "10.0.0.2");
      await attempt("nobody", "wrong password!!", "10.0.0.3");
    }
    // The account's email and username share one budget.
    const lockedKnown = await attempt("vera@example.com", password, "10.0.0.4");
    const lockedUnknown = await attempt("nobody", password, "10.0.0.3");
    expect(lockedKnown).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(lockedUnknown).toMatchObject({ ok: false, reason: "rate_limited" });
    if (lockedKnown.ok || lockedKnown.reason !== "rate_limited") throw new Error("unreachable");
    expect(lockedKnown.retryAfterSeconds).toBeGreaterThan(0);
    expect(lockedKnown.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it("limits one IP guessing across many accounts", async () => {
    for (let i = 0; i < 5; i++) await attempt(`user${i}`, "wrong password!!", "10.9.9.9");
    expect(await attempt("admin", password, "10.9.9.9")).toMatchObject({ reason: "rate_limited" });
    expect(await attempt("admin", password, "10.9.9.8")).toMatchObject({ ok: true });
  });

  it("resolves bearer tokens and next-auth cookies to the session, and refuses revoked ones", async () => {
    const result = await attempt("dora@example.com", password, "10.0.0.9");
    if (!result.ok) throw new Error("login failed");
    const { token } = await signAccessToken({ userId: result.user.id, sessionId: result.session.id }, secret);
    const bearer = new Headers({ authorization: `Bearer ${token}` });
    expect(await resolvePrincipal(database.db, bearer, secret)).toEqual({
      userId: result.user.id,
      sessionId: result.session.id,
      role: "viewer",
    });
    const cookieJwt = await encode({ token: { sub: result.user.id, sid: result.session.id }, secret });
    const cookie = new Headers({ cookie: `other=1; next-auth.session-token=${cookieJwt}` });
    expect(await resolvePrincipal(database.db, cookie, secret)).toMatchObject({ role: "viewer" });

    // Forged or foreign tokens are nobody.
    expect(await resolvePrincipal(database.db, bearer, `${secret}-other`)).toBeNull();
    expect(
      await resolvePrincipal(database.db, new Headers({ authorization: "Bearer junk" }), secret),
    ).toBeNull();
    expect(
      await resolvePrincipal(database.db, new Headers({ cookie: "next-auth.session-token=junk" }), secret),
    ).toBeNull();

    expect(await revokeSession(database.db, result.session.id)).toBe(true);
    expect(await resolvePrincipal(database.db, bearer, secret)).toBeNull();
    expect(await resolvePrincipal(database.db, cookie, secret)).toBeNull();
  });

  it("refuses a disabled user's session and an expired session", async () => {
    const result = await attempt("dora", password, "10.0.0.10");
    if (!result.ok) throw new Error("login failed");
    const { token } = await signAccessToken({ userId: result.user.id, sessionId: result.session.id }, secret);
    const headers = new Headers({ authorization: `Bearer ${token}` });
    expect(await resolvePrincipal(database.db, headers, secret)).not.toBeNull();
    await database.db.update(users).set({ disabled: true }).where(eq(users.id, result.user.id));
    expect(await resolvePrincipal(database.db, headers, secret)).toBeNull();
    expect(await attempt("dora", password, "10.0.0.11")).toEqual({
      ok: false,
      reason: "invalid_credentials",
    });
    await database.db.update(users).set({ disabled: false }).where(eq(users.id, result.user.id));

    const short = await login(database.db, { login: "dora", password, sessionTtlMs: 1 }, limit);
    if (!short.ok) throw new Error("login failed");
    await new Promise((resolve) => setTimeout(resolve, 5));
    const expired = await signAccessToken({ userId: short.user.id, sessionId: short.session.id }, secret);
    expect(
      await resolvePrincipal(database.db, new Headers({ authorization: `Bearer ${expired.token}` }), secret),
    ).toBeNull();
  });
});
