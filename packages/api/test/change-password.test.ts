import { hashPassword } from "@revolv/auth";
import { auditEvents, roles, sessions, users } from "@revolv/db";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiStack, openApiStack, password } from "./api-stack";
import { createHttpCaller } from "./http-requests";

type RestBody = { code: string; message: string };
const newPassword = "a brand new passphrase for this account";

describe("auth.changePassword over REST and tRPC", () => {
  let stack: ApiStack;
  let http: ReturnType<typeof createHttpCaller>;

  beforeAll(async () => {
    stack = await openApiStack("change-password");
    http = createHttpCaller(stack.services, () => {});
  });
  afterAll(() => stack?.close());

  /** A fresh technician per test, so one test's sessions and rate limit never touch another's. */
  async function createAccount(username: string) {
    const [role] = await stack.services.db
      .select({ id: roles.id })
      .from(roles)
      .where(eq(roles.name, "technician"));
    const [user] = await stack.services.db
      .insert(users)
      .values({
        username,
        email: `${username}@example.com`,
        passwordHash: await hashPassword(password),
        roleId: role?.id as string,
      })
      .returning({ id: users.id });
    return user?.id as string;
  }

  async function signIn(login: string, pw: string) {
    const response = await http.rest("POST", "/auth/token", { login, password: pw });
    if (response.status !== 200) return { status: response.status, authorization: undefined };
    const body = (await response.json()) as { token: string; sessionId: string };
    return { status: 200, authorization: `Bearer ${body.token}`, sessionId: body.sessionId };
  }

  const change = (authorization: string | undefined, currentPassword: string, next = newPassword) =>
    http.rest("POST", "/auth/password", { currentPassword, newPassword: next }, { authorization });

  it("changes the password: the old one no longer signs in, the new one does, and it is audited", async () => {
    const userId = await createAccount("pat");
    const { authorization } = await signIn("pat", password);
    const response = await change(authorization, password);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ revokedSessions: 0 });

    expect((await signIn("pat", password)).status).toBe(401);
    expect((await signIn("pat", newPassword)).status).toBe(200);

    const audit = await stack.services.db
      .select({ actorId: auditEvents.actorId, after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "user.change_password"), eq(auditEvents.targetId, userId)));
    expect(audit).toEqual([{ actorId: userId, after: { revokedSessions: [] } }]);
    expect(JSON.stringify(audit)).not.toContain("argon2");
  });

  it("revokes the user's other sessions and keeps the current one", async () => {
    const userId = await createAccount("robin");
    const current = await signIn("robin", password);
    const laptop = await signIn("robin", password);
    const phone = await signIn("robin", password);
    const response = await http.trpcMutation(
      "auth.changePassword",
      { currentPassword: password, newPassword },
      { authorization: current.authorization },
    );
    expect(response.status).toBe(200);

    const live = await stack.services.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
    expect(live.map((session) => session.id)).toEqual([current.sessionId]);
    expect((await http.rest("GET", "/me", undefined, { authorization: current.authorization })).status).toBe(
      200,
    );
    for (const other of [laptop, phone]) {
      expect((await http.rest("GET", "/me", undefined, { authorization: other.authorization })).status).toBe(
        401,
      );
    }
  });

  it("answers a wrong current password with a clear 400 and changes nothing", async () => {
    await createAccount("sam");
    const { authorization } = await signIn("sam", password);
    const response = await change(authorization, "not my password at all");
    expect(response.status).toBe(400);
    expect(((await response.json()) as RestBody).message).toBe("Your current password is wrong");
    expect((await signIn("sam", password)).status).toBe(200);
  });

  it("refuses a new password the schema refuses, or the same one again", async () => {
    await createAccount("lee");
    const { authorization } = await signIn("lee", password);
    const short = await change(authorization, password, "short");
    expect(short.status).toBe(400);
    expect(((await short.json()) as RestBody).message).toContain("at least 12 characters");
    const same = await change(authorization, password, password);
    expect(same.status).toBe(400);
    expect(((await same.json()) as RestBody).message).toBe(
      "Choose a password different from the current one",
    );
  });

  it("is rate limited like sign-in: after 5 wrong passwords a 429 with Retry-After, even for the right one", async () => {
    await createAccount("kim");
    const { authorization } = await signIn("kim", password);
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await change(authorization, `wrong password ${attempt}`)).status).toBe(400);
    }
    const limited = await change(authorization, password);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // The same budget as sign-in: the account's sign-in is held back too.
    expect((await signIn("kim", password)).status).toBe(429);
  });

  it("needs a session: 401 without one", async () => {
    expect((await change(undefined, password)).status).toBe(401);
  });
});
