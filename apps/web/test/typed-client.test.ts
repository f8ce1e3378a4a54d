import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRevolvClient, type RevolvClient, signIn, TRPCClientError } from "@revolv/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserSession } from "./http-session";
import { type RunningServer, startServer } from "./start-server";

const password = "correct horse battery staple";
const clientDir = path.resolve(import.meta.dirname, "../../../packages/client");

/** The client package's README example, run the way its `example` script runs it. */
function runExample(env: Record<string, string>, args: string[] = []) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [
        "--experimental-strip-types",
        "--no-warnings=ExperimentalWarning",
        "examples/list-devices.ts",
        ...args,
      ],
      { cwd: clientDir, env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The tRPC error code a call was refused with, or "ok". */
async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "ok";
  } catch (error) {
    if (error instanceof TRPCClientError) return String(error.data?.code);
    throw error;
  }
}

describe("the typed client against the running server, over real HTTP", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-client-"));
  let server: RunningServer;
  let adminPassword: string;
  let admin: RevolvClient;

  beforeAll(async () => {
    // As behind the production load balancer: the tests give each scenario its own client address.
    server = await startServer(
      // Open registration: these tests sign up viewers with auth.register, as REGISTRATION=open allows.
      { DATA_DIR: dataDir, TRUST_PROXY: "1", REGISTRATION: "open" },
      { warm: ["/api/trpc/health.check", "/api/v1/me", "/api/auth/csrf", "/", "/sign-in"] },
    );
    const printed = /first admin created: \S+ \/ password (\S+)/.exec(server.output());
    if (!printed?.[1]) throw new Error(`no admin password in the server output:\n${server.output()}`);
    adminPassword = printed[1];
    admin = (await signIn({ url: server.url, login: "admin", password: adminPassword })).client;
  }, 300_000); // a cold dev server plus the warm-up compiles, on a loaded CI machine
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("signs in for a short-lived bearer token backed by a session", async () => {
    const { client, session } = await signIn({
      url: server.url,
      login: "admin@revolv.local",
      password: adminPassword,
    });
    expect(session.tokenType).toBe("Bearer");
    expect(session.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    const me = await client.users.me.query();
    expect(me).toMatchObject({ username: "admin", role: "admin" });
    const { items } = await client.sessions.list.query();
    expect(items.find((item) => item.current)?.id).toBe(session.sessionId);
  });

  it("creates a device with its MQTT credential shown once, and rotates it", async () => {
    const created = await admin.devices.create.mutate({
      type: "rvm",
      serialNumber: "RVM-CLIENT-1",
      name: "Station lobby",
      site: "Berlin Hbf",
      location: { latitude: 52.525, longitude: 13.369 },
      tags: ["lobby", "pilot"],
    });
    expect(created.credential).toMatch(/^rvk_[\w-]{20,}$/);
    expect(created.device).toMatchObject({ status: "provisioned", tags: ["lobby", "pilot"] });
    expect(created.device.createdAt).toBeInstanceOf(Date);
    // Never again: reading the device shows no credential.
    expect(await admin.devices.get.query({ id: created.device.id })).not.toHaveProperty("credential");

    const rotated = await admin.devices.rotateCredential.mutate({ id: created.device.id });
    expect(rotated.credential).toMatch(/^rvk_/);
    expect(rotated.credential).not.toBe(created.credential);
    expect(rotated.device.credentialRotatedAt.getTime()).toBeGreaterThan(
      created.device.credentialRotatedAt.getTime(),
    );

    const audit = await admin.audit.list.query({ targetId: created.device.id });
    expect(audit.items.map((event) => event.action).sort()).toEqual([
      "device.create",
      "device.rotate_credential",
    ]);
    expect(JSON.stringify(audit.items)).not.toContain(rotated.credential);
  });

  it("lists devices with filters, search, sort and server-side pages", async () => {
    const fleet = [
      { type: "rvm", serialNumber: "RVM-F-1", name: "Mall north", site: "Hamburg", tags: ["mall"] },
      { type: "rvm", serialNumber: "RVM-F-2", name: "Mall south", site: "Hamburg", tags: ["mall"] },
      { type: "rvm", serialNumber: "RVM-F-3", name: "Mall east", site: "Hamburg", tags: ["mall", "pilot"] },
      { type: "rvm", serialNumber: "RVM-F-4", name: "Depot", site: "Hamburg", tags: ["mall"] },
      { type: "soundbox", serialNumber: "SB-F-1", name: "Mall kiosk", site: "Hamburg", tags: ["mall"] },
    ] as const;
    for (const device of fleet) await admin.devices.create.mutate({ ...device, tags: [...device.tags] });
    const depot = await admin.devices.list.query({ search: "Depot" });
    await admin.devices.update.mutate({ id: depot.items[0]?.id as string, status: "maintenance" });

    const filters = {
      type: "rvm",
      site: "Hamburg",
      tag: "mall",
      search: "mall",
      status: "provisioned",
    } as const;
    const first = await admin.devices.list.query({ ...filters, sortBy: "name", sortDir: "asc", pageSize: 2 });
    expect(first).toMatchObject({ page: 1, pageSize: 2, total: 3, pageCount: 2 });
    expect(first.items.map((device) => device.name)).toEqual(["Mall east", "Mall north"]);
    const second = await admin.devices.list.query({
      ...filters,
      sortBy: "name",
      sortDir: "asc",
      pageSize: 2,
      page: 2,
    });
    expect(second.items.map((device) => device.name)).toEqual(["Mall south"]);

    const inMaintenance = await admin.devices.list.query({ site: "Hamburg", status: "maintenance" });
    expect(inMaintenance.items.map((device) => device.serialNumber)).toEqual(["RVM-F-4"]);
    const pilots = await admin.devices.list.query({ tag: "pilot", sortBy: "serialNumber", sortDir: "desc" });
    expect(pilots.items.map((device) => device.serialNumber)).toEqual(["RVM-F-3", "RVM-CLIENT-1"]);
    expect((await admin.devices.list.query({ type: "soundbox", site: "Hamburg" })).total).toBe(1);
  });

  it("runs the client README's example script against the server", async () => {
    const listed = await runExample(
      { REVOLV_URL: server.url, REVOLV_LOGIN: "admin", REVOLV_PASSWORD: adminPassword },
      ["Mall"],
    );
    expect(listed.stderr).toBe("");
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain("admin (admin) sees 4 device(s)");
    expect(listed.stdout).toMatch(/SB-F-1\tsoundbox\tprovisioned\tHamburg\tMall kiosk/);

    const refused = await runExample({ REVOLV_URL: server.url, REVOLV_TOKEN: "not-a-token" });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("UNAUTHORIZED (401): Sign in to continue");
  });

  it("lets a registered viewer read but refuses a device create with FORBIDDEN", async () => {
    const anonymous = createRevolvClient({ url: server.url });
    const viewer = await anonymous.auth.register.mutate({
      username: "vera",
      email: "vera@example.com",
      password,
    });
    expect(viewer.role).toBe("viewer");
    const { client } = await signIn({ url: server.url, login: "vera", password });

    expect((await client.devices.list.query({})).total).toBeGreaterThan(0);
    const refused = await client.devices.create
      .mutate({ type: "soundbox", serialNumber: "SB-VERA-1", name: "Nope", site: "Berlin" })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TRPCClientError);
    expect((refused as TRPCClientError<never>).data).toMatchObject({ code: "FORBIDDEN", httpStatus: 403 });
    expect(await outcome(anonymous.devices.list.query({}))).toBe("UNAUTHORIZED");
  });

  it("refuses the very next call once a session is revoked, by its owner, by logout or by an admin", async () => {
    const laptop = await signIn({ url: server.url, login: "vera", password });
    const phone = await signIn({ url: server.url, login: "vera@example.com", password });
    const tablet = await signIn({ url: server.url, login: "vera", password });

    await laptop.client.sessions.revoke.mutate({ id: phone.session.sessionId });
    expect(await outcome(phone.client.users.me.query())).toBe("UNAUTHORIZED");
    expect(await outcome(laptop.client.users.me.query())).toBe("ok");

    expect(await laptop.client.auth.logout.mutate()).toEqual({ revoked: true });
    expect(await outcome(laptop.client.users.me.query())).toBe("UNAUTHORIZED");

    // Another user's session: a viewer may not, an admin may.
    expect(await outcome(tablet.client.sessions.revokeAny.mutate({ id: tablet.session.sessionId }))).toBe(
      "FORBIDDEN",
    );
    await admin.sessions.revokeAny.mutate({ id: tablet.session.sessionId });
    expect(await outcome(tablet.client.devices.list.query({}))).toBe("UNAUTHORIZED");
  });

  it("rate limits failed sign-ins over REST: 429 with Retry-After, the same for an unknown account", async () => {
    // Own client address, so this test's failures count against nobody else's budget.
    const post = (login: string, pw: string) =>
      fetch(`${server.url}/api/v1/auth/token`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.23" },
        body: JSON.stringify({ login, password: pw }),
      });
    await createRevolvClient({ url: server.url }).auth.register.mutate({
      username: "locked",
      email: "locked@example.com",
      password,
    });
    for (let i = 0; i < 5; i++) {
      const wrong = await post("locked", "not the password");
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toEqual({
        code: "UNAUTHORIZED",
        message: "Wrong email/username or password",
      });
      expect((await post("nobody-here", "not the password")).status).toBe(401);
    }
    const limited = await post("locked", password);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    const unknown = await post("nobody-here", password);
    expect(unknown.status).toBe(429);
    expect(unknown.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("signs in through next-auth with CSRF; tRPC accepts the cookie; signing out revokes it", async () => {
    const browser = new BrowserSession(server.url);
    const wrong = await browser.signIn("vera", "not the password");
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { url: string }).url).toContain("error=CredentialsSignin");

    // Without the CSRF token next-auth refuses to sign in.
    const forged = await fetch(`${server.url}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ login: "vera", password, json: "true" }),
      redirect: "manual",
    });
    expect(forged.headers.getSetCookie().some((line) => line.startsWith("next-auth.session-token="))).toBe(
      false,
    );

    const signedIn = await browser.signIn("vera", password);
    expect(signedIn.status).toBe(200);
    expect(browser.cookies.has("next-auth.session-token")).toBe(true);
    const cookie = `next-auth.session-token=${browser.cookies.get("next-auth.session-token")}`;
    const viaCookie = createRevolvClient({ url: server.url, headers: { cookie } });
    expect(await viaCookie.users.me.query()).toMatchObject({ username: "vera", role: "viewer" });
    const home = await browser.fetch("/");
    expect(await home.text()).toContain("vera");

    expect((await browser.signOut()).status).toBe(200);
    expect(browser.cookies.has("next-auth.session-token")).toBe(false);
    // The old cookie is still a validly signed JWT; the revoked session row is what refuses it.
    expect(await outcome(viaCookie.users.me.query())).toBe("UNAUTHORIZED");
  }, 180_000); // next-auth's callback, session and sign-out routes each compile on first use
});
