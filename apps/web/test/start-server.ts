import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { prepareTestDatabaseDir } from "@revolv/db/testing";
import { spawnOwned } from "@revolv/owned-process";

const appDir = path.resolve(import.meta.dirname, "..");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port")),
      );
    });
  });
}

export interface RunningServer {
  url: string;
  /** Everything every start attempt printed (a first start prints the admin password once). */
  output: () => string;
  /** The embedded broker's port, from this start's own output, not a failed attempt's. */
  mqttPort: () => number;
  stop(): Promise<number | null>;
}

/**
 * Runs `server.ts` exactly as `pnpm dev` does, as its own process on a free port. A port found
 * free can be taken before the server listens on it (by a parallel test, or by this very
 * server's port-0 broker), so an EADDRINUSE start is retried on a fresh port; the output of
 * every attempt is kept, since a first start prints the admin password only once.
 */
/**
 * `warm`: paths fetched once before the server is handed over. A dev server compiles each route
 * on its first request, which on a loaded CI machine can take longer than a test may.
 */
export async function startServer(
  env: Record<string, string>,
  { warm = [] }: { warm?: string[] } = {},
): Promise<RunningServer> {
  // A migrated database laid down in advance: initdb and the migrations cost the server a
  // dozen seconds under the suite's load, and they are tested in @revolv/db. Seeding still runs.
  if (env.DATA_DIR && !existsSync(path.join(env.DATA_DIR, "pglite")))
    await prepareTestDatabaseDir(path.join(env.DATA_DIR, "pglite"));
  let earlier = "";
  for (let attempt = 1; ; attempt++) {
    const started = await startOnce(env, await freePort(), earlier);
    if ("url" in started) {
      for (const route of warm) await fetch(`${started.url}${route}`).then((r) => r.arrayBuffer());
      return started;
    }
    if (!started.failedOutput.includes("EADDRINUSE") || attempt === 3) {
      throw new Error(`server exited early:\n${started.failedOutput}`);
    }
    earlier = started.failedOutput;
  }
}

async function startOnce(
  env: Record<string, string>,
  port: number,
  earlier: string,
): Promise<RunningServer | { failedOutput: string }> {
  // One dist dir per Vitest worker slot, kept between servers and runs: files in a slot run one
  // after another, so each dev server finds the routes its predecessor compiled in Turbopack's
  // filesystem cache instead of compiling them all again (minutes on a loaded two-core machine).
  // Next allows one dev server per dist dir, which the slot guarantees.
  const distDir = `.next-test/slot-${process.env.VITEST_POOL_ID ?? "1"}`;
  const child = spawnServer({
    NEXT_DIST_DIR: distDir,
    // The embedded broker and SQS emulator take free ports too, so tests never collide.
    MQTT_PORT: "0",
    SQS_PORT: "0",
    // Loopback unless the test asks for more (e.g. `0.0.0.0`, as `pnpm dev` binds by default).
    HOSTNAME: "127.0.0.1",
    ...env,
    PORT: String(port),
  });
  let output = earlier;
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (!output.slice(earlier.length).includes("ready on")) {
    if (child.exitCode !== null) {
      return { failedOutput: output };
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    output: () => output,
    mqttPort: () => Number(/mqtt: aedes broker on :(\d+)/.exec(output.slice(earlier.length))?.[1]),
    async stop() {
      child.kill("SIGTERM");
      return await exited;
    },
  };
}

export function spawnServer(env: Record<string, string>): ChildProcess {
  // Owned: the server (and the engines inside it) dies with the test process however that ends.
  return spawnOwned(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: appDir,
    // A clean environment: only what the test names, so the developer's own settings cannot leak in.
    env: { NODE_ENV: "development", PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export async function runToExit(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawnServer(env);
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { code, stderr };
}
