import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { RoleName } from "@revolv/validators";
import mqtt from "mqtt";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium } from "./browser-session";
import { buildApp } from "./production-build";
import { type RunningServer, startServer } from "./start-server";

const appDir = path.resolve(import.meta.dirname, "..");
/** Git-ignored; a person looks at these before calling a page done. */
export const screenshotDir = path.join(appDir, ".screenshots");
/** Every browser test file serves this one build, so a run makes one `next build`. */
const distDir = ".next-test/staff-pages";

export interface ProductionStackOptions<Login extends string> {
  /** Names the data directory, so a leftover one says which file left it. */
  name: string;
  /** Accounts the admin creates through the API: login → role. Each password is derived from the login. */
  accounts?: Record<Login, RoleName>;
  /** Extra environment for the server (e.g. ALARM_SECRETS_KEY). */
  env?: Record<string, string>;
}

export interface DeviceConnection {
  /** One telemetry message over the open connection (QoS 1: resolves once the broker took it). */
  publish(readings: unknown[]): Promise<void>;
  end(): Promise<void>;
}

export interface ProductionStack<Login extends string = string> {
  server: RunningServer;
  url: string;
  /** Every account's password, the admin's as the first start printed it. */
  passwords: Record<Login | "admin", string>;
  /** An API call as `login` (the admin by default) that throws on a non-2xx answer. */
  api<T>(method: string, route: string, body?: unknown, login?: string): Promise<T>;
  /** The raw response of an API call as `login`, for tests of refusals. */
  call(method: string, route: string, body?: unknown, login?: string): Promise<Response>;
  /** A fresh browser context (1280×800) with the theme cookie when asked. */
  openPage(theme?: "light" | "dark"): Promise<{ context: BrowserContext; page: Page }>;
  /** Submits the sign-in form; answers where the browser landed. */
  submitSignIn(page: Page, login: string, password: string, callbackUrl?: string): Promise<URL>;
  /** Signs `login` in through the form and fails unless it leaves the sign-in page. */
  signIn(page: Page, login: string, callbackUrl?: string): Promise<void>;
  /** Publishes one telemetry message as the device over real MQTT to the embedded broker (QoS 1). */
  publishAs(device: { id: string; credential: string }, readings: unknown[]): Promise<void>;
  /** Connects as the device and stays connected until `end`, for tests of what a connection shows. */
  connectAs(device: { id: string; credential: string }): Promise<DeviceConnection>;
  /** The embedded broker's port. */
  mqttPort: number;
  stop(): Promise<void>;
}

export const passwordOf = (login: string) => `a long password for ${login}`;

/**
 * The embedded stack served from the production build, signed in as its first admin, with the
 * accounts the file asks for and one Chromium: the set-up every browser test file shares.
 */
export async function startProductionStack<Login extends string = never>(
  options: ProductionStackOptions<Login>,
): Promise<ProductionStack<Login>> {
  await buildApp(distDir);
  const dataDir = mkdtempSync(path.join(tmpdir(), `revolv-${options.name}-`));
  const contexts: BrowserContext[] = [];
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const stop = async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    server = await startServer({
      DATA_DIR: dataDir,
      NODE_ENV: "production",
      REVOLV_EMBEDDED: "1",
      AUTH_SECRET: randomBytes(32).toString("base64"),
      NEXT_DIST_DIR: distDir,
      ...options.env,
    });
    const url = server.url;
    const printed = /first admin created: \S+ \/ password (\S+)/.exec(server.output());
    if (!printed?.[1]) throw new Error(`no admin password in the server output:\n${server.output()}`);
    const passwords = { admin: printed[1] } as Record<Login | "admin", string>;
    const tokens: Record<string, string> = {};

    const tokenOf = async (login: string) => {
      const cached = tokens[login];
      if (cached) return cached;
      const response = await fetch(`${url}/api/v1/auth/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ login, password: passwords[login as Login] }),
      });
      if (!response.ok) throw new Error(`${login} got no token: ${response.status} ${await response.text()}`);
      const { token } = (await response.json()) as { token: string };
      tokens[login] = token;
      return token;
    };
    const call = async (method: string, route: string, body?: unknown, login = "admin") =>
      fetch(`${url}/api/v1${route}`, {
        method,
        headers: { "content-type": "application/json", authorization: `Bearer ${await tokenOf(login)}` },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const api = async <T>(method: string, route: string, body?: unknown, login?: string) => {
      const response = await call(method, route, body, login);
      if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };

    for (const [login, role] of Object.entries<RoleName>(
      options.accounts ?? ({} as Record<Login, RoleName>),
    )) {
      passwords[login as Login] = passwordOf(login);
      await api("POST", "/users", {
        username: login,
        email: `${login}@example.com`,
        password: passwordOf(login),
        role,
      });
    }
    browser = await launchChromium();
    mkdirSync(screenshotDir, { recursive: true });
    const chromium = browser;

    const openPage = async (theme?: "light" | "dark") => {
      const context = await chromium.newContext({ viewport: { width: 1280, height: 800 } });
      contexts.push(context);
      if (theme) await context.addCookies([{ name: "theme", value: theme, url }]);
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      return { context, page };
    };
    const submitSignIn = async (page: Page, login: string, password: string, callbackUrl?: string) => {
      await page.goto(
        `${url}/sign-in${callbackUrl ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`,
      );
      await page.fill('input[name="login"]', login);
      await page.fill('input[name="password"]', password);
      await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
      return new URL(page.url());
    };
    const signIn = async (page: Page, login: string, callbackUrl?: string) => {
      const password = passwords[login as Login];
      if (!password) throw new Error(`no account ${login} in this stack`);
      const landed = await submitSignIn(page, login, password, callbackUrl);
      if (landed.pathname === "/sign-in") throw new Error(`${login} could not sign in: ${landed}`);
    };
    const mqttPort = server.mqttPort();
    const connectAs = async (device: { id: string; credential: string }): Promise<DeviceConnection> => {
      const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
        clientId: device.id,
        username: device.id,
        password: device.credential,
        reconnectPeriod: 0,
      });
      return {
        publish: async (readings) => {
          const message = {
            v: 1,
            messageId: randomBytes(8).toString("hex"),
            deviceTime: new Date().toISOString(),
            readings,
          };
          await client.publishAsync(`devices/${device.id}/telemetry`, JSON.stringify(message), { qos: 1 });
        },
        end: () => client.endAsync(),
      };
    };
    const publishAs = async (device: { id: string; credential: string }, readings: unknown[]) => {
      const connection = await connectAs(device);
      try {
        await connection.publish(readings);
      } finally {
        await connection.end();
      }
    };
    return {
      server,
      url,
      passwords,
      api,
      call,
      openPage,
      submitSignIn,
      signIn,
      publishAs,
      connectAs,
      mqttPort,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
