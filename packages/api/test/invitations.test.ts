import { auditEvents, invitations } from "@revolv/db";
import { asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiStack, openApiStack, password } from "./api-stack";
import { createHttpCaller } from "./http-requests";

type RestBody = { code: string; message: string };
interface Created {
  invitation: { id: string; email: string; role: string; expiresAt: string };
  token: string;
  path: string;
}

describe("registration modes and invitations, over REST and tRPC", () => {
  let stack: ApiStack;
  const logged: string[] = [];
  const callers = {} as Record<"closed" | "invite" | "open" | "default", ReturnType<typeof createHttpCaller>>;

  beforeAll(async () => {
    stack = await openApiStack("invitations");
    const log = (line: string) => logged.push(line);
    callers.default = createHttpCaller(stack.services, log);
    for (const registration of ["closed", "invite", "open"] as const) {
      callers[registration] = createHttpCaller(stack.services, log, { registration });
    }
  });
  afterAll(() => stack?.close());

  const json = async <T>(response: Response) => ({
    status: response.status,
    body: (await response.json()) as T,
  });

  async function invite(email: string, role = "technician", extra: Record<string, unknown> = {}) {
    const response = await callers.invite.rest(
      "POST",
      "/invitations",
      { email, role, ...extra },
      { authorization: await stack.bearer("admin") },
    );
    expect(response.status).toBe(200);
    return (await response.json()) as Created;
  }

  const accept = (token: string, username: string, pw = password) =>
    callers.default.rest("POST", "/auth/invitations/accept", { token, username, password: pw });

  it("auth.register answers 403 with a clear message unless registration is open", async () => {
    const account = (name: string) => ({ username: name, email: `${name}@example.com`, password });
    expect(
      await json<RestBody>(await callers.closed.rest("POST", "/auth/register", account("closed-1"))),
    ).toEqual({
      status: 403,
      body: {
        code: "FORBIDDEN",
        message: "Registration is closed on this server; an admin creates accounts",
      },
    });
    for (const caller of [callers.invite, callers.default]) {
      expect(await json<RestBody>(await caller.rest("POST", "/auth/register", account("invite-1")))).toEqual({
        status: 403,
        body: {
          code: "FORBIDDEN",
          message: "Registration is by invitation only; ask an admin for an invitation link",
        },
      });
    }
    const trpc = await callers.invite.trpcMutation("auth.register", account("invite-2"));
    expect(trpc.status).toBe(403);
    const open = await json<{ username: string; role: string }>(
      await callers.open.rest("POST", "/auth/register", account("open-1")),
    );
    expect(open).toMatchObject({ status: 200, body: { username: "open-1", role: "viewer" } });
  });

  it("creates an invitation whose token is shown once and stored only as its hash, and audits it", async () => {
    const before = Date.now();
    const created = await invite("Tina@Example.com");
    expect(created.invitation).toMatchObject({ email: "tina@example.com", role: "technician" });
    expect(created.token).toMatch(/^rvi_[A-Za-z0-9_-]{43}$/);
    expect(created.path).toBe(`/invite/${created.token}`);
    const expiresInMs = new Date(created.invitation.expiresAt).getTime() - before;
    expect(expiresInMs).toBeGreaterThan(6.9 * 24 * 3600_000);
    expect(expiresInMs).toBeLessThan(7.1 * 24 * 3600_000);

    const [stored] = await stack.services.db
      .select()
      .from(invitations)
      .where(eq(invitations.id, created.invitation.id));
    expect(JSON.stringify(stored)).not.toContain(created.token.slice(4));
    expect(stored?.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    const listed = await json<{ items: { id: string }[] }>(
      await callers.default.rest("GET", "/invitations", undefined, {
        authorization: await stack.bearer("admin"),
      }),
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item) => item.id)).toContain(created.invitation.id);
    expect(JSON.stringify(listed.body)).not.toContain(created.token);
  });

  it("lets the invitee set a password once, with the invited role, whatever REGISTRATION says", async () => {
    const created = await invite("sam@example.com", "supervisor");
    const first = await json<{ username: string; email: string; role: string }>(
      await accept(created.token, "sam"),
    );
    expect(first).toMatchObject({
      status: 200,
      body: { username: "sam", email: "sam@example.com", role: "supervisor" },
    });
    // The new account signs in.
    const token = await callers.default.rest("POST", "/auth/token", { login: "sam", password });
    expect(token.status).toBe(200);

    expect(await json<RestBody>(await accept(created.token, "sam2"))).toEqual({
      status: 400,
      body: { code: "BAD_REQUEST", message: "This invitation was already used; sign in instead" },
    });
    const listed = await json<{ items: { id: string }[] }>(
      await callers.default.rest("GET", "/invitations", undefined, {
        authorization: await stack.bearer("admin"),
      }),
    );
    expect(listed.body.items.map((item) => item.id)).not.toContain(created.invitation.id);

    // Closed registration does not void an admin's invitation.
    const closedInvite = await invite("cleo@example.com", "viewer");
    const viaClosed = await callers.closed.rest("POST", "/auth/invitations/accept", {
      token: closedInvite.token,
      username: "cleo",
      password,
    });
    expect(viaClosed.status).toBe(200);
  });

  it("lets exactly one of two racing accepts through", async () => {
    const created = await invite("race@example.com");
    const [a, b] = await Promise.all([accept(created.token, "racer-a"), accept(created.token, "racer-b")]);
    expect([a.status, b.status].sort()).toEqual([200, 400]);
  });

  it("refuses revoked, expired and unknown tokens with 400 saying which", async () => {
    const authorization = await stack.bearer("admin");
    const revoked = await invite("rex@example.com");
    const revoke = await callers.default.trpcMutation(
      "users.revokeInvitation",
      { id: revoked.invitation.id },
      { authorization },
    );
    expect(revoke.status).toBe(200);
    expect(await json<RestBody>(await accept(revoked.token, "rex"))).toEqual({
      status: 400,
      body: { code: "BAD_REQUEST", message: "This invitation was revoked; ask an admin for a new one" },
    });

    const expired = await invite("eve@example.com");
    await stack.services.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, expired.invitation.id));
    expect(await json<RestBody>(await accept(expired.token, "eve"))).toEqual({
      status: 400,
      body: { code: "BAD_REQUEST", message: "This invitation has expired; ask an admin for a new one" },
    });

    expect(await json<RestBody>(await accept(`rvi_${"B".repeat(43)}`, "nobody"))).toEqual({
      status: 400,
      body: { code: "BAD_REQUEST", message: "This invitation link is not valid" },
    });
    expect((await accept("not-a-token", "nobody")).status).toBe(400);

    // Revoking an unknown id is a 404; an accepted invitation cannot be revoked after the fact.
    const unknown = await callers.default.rest("DELETE", `/invitations/${crypto.randomUUID()}`, undefined, {
      authorization,
    });
    expect(unknown.status).toBe(404);
  });

  it("refuses to invite an email that already has an account", async () => {
    const response = await callers.default.rest(
      "POST",
      "/invitations",
      { email: "admin@example.com", role: "viewer" },
      { authorization: await stack.bearer("admin") },
    );
    expect(await json<RestBody>(response)).toEqual({
      status: 409,
      body: { code: "CONFLICT", message: "A user with this email already exists" },
    });
  });

  it("writes the audit trail: created, accepted, revoked", async () => {
    const kept = await invite("audit-a@example.com");
    const dropped = await invite("audit-b@example.com");
    expect((await accept(kept.token, "audit-a")).status).toBe(200);
    await callers.default.rest("DELETE", `/invitations/${dropped.invitation.id}`, undefined, {
      authorization: await stack.bearer("admin"),
    });
    const rows = await stack.services.db
      .select({ action: auditEvents.action, targetId: auditEvents.targetId, actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(inArray(auditEvents.targetId, [kept.invitation.id, dropped.invitation.id]))
      .orderBy(asc(auditEvents.createdAt));
    expect(rows).toEqual([
      { action: "invitation.create", targetId: kept.invitation.id, actorId: stack.userIds.admin },
      { action: "invitation.create", targetId: dropped.invitation.id, actorId: stack.userIds.admin },
      { action: "invitation.accept", targetId: kept.invitation.id, actorId: null },
      { action: "invitation.revoke", targetId: dropped.invitation.id, actorId: stack.userIds.admin },
    ]);
    expect(JSON.stringify(rows)).not.toContain(kept.token);
  });

  it("logged no internal error", () => {
    expect(logged).toEqual([]);
  });
});
