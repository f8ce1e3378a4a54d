/**
 * Starts a throw-away PostgreSQL server from the machine's own binaries (Debian's
 * `postgresql` package), for tests and benchmarks that must hit a real server rather than
 * PGlite. `initdb` refuses to run as root, so as root the server runs as the `postgres`
 * system user the Debian package creates.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { isAlive, spawnOwned } from "@revolv/owned-process";

export interface PostgresServer {
  url: string;
  port: number;
  /** The postmaster's pid. */
  pid: number;
  stop(): Promise<void>;
}

const candidateRoots = ["/usr/lib/postgresql", "/usr/local/pgsql"];

/** Returns the directory holding `initdb` and `pg_ctl`, or a reason why there is none. */
export function findPostgresBinaries(): { binDir: string } | { missing: string } {
  const fromEnv = process.env.PG_BIN_DIR;
  if (fromEnv && existsSync(path.join(fromEnv, "pg_ctl"))) return { binDir: fromEnv };
  for (const root of candidateRoots) {
    if (!existsSync(root)) continue;
    const versions = readdirSync(root)
      .filter((v) => existsSync(path.join(root, v, "bin", "pg_ctl")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return { binDir: path.join(root, versions[0], "bin") };
    if (existsSync(path.join(root, "bin", "pg_ctl"))) return { binDir: path.join(root, "bin") };
  }
  return { missing: "no PostgreSQL server binaries found (install Debian's `postgresql` or set PG_BIN_DIR)" };
}

/**
 * For a test that needs a server: true (skip, with a warning naming `what`) when this machine
 * has none. CI installs Debian's postgresql, so there a missing server throws: a broken CI, not
 * a skip.
 */
export function postgresMissing(what: string): boolean {
  const binaries = findPostgresBinaries();
  if (!("missing" in binaries)) return false;
  if (process.env.CI) throw new Error(`CI must provide PostgreSQL (${what}): ${binaries.missing}`);
  console.warn(`Skipping ${what}: ${binaries.missing}`);
  return true;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

function runAs(user: string | undefined, command: string, args: string[]) {
  if (!user) return execFileSync(command, args, { stdio: "pipe" });
  return execFileSync("runuser", ["-u", user, "--", command, ...args], { stdio: "pipe" });
}

const prefix = "revolv-pg-";

/**
 * A server whose owner was killed dies with it, but its data directory stays behind. Clusters
 * older than an hour with no live postmaster are such leftovers; younger ones may belong to a
 * test that is still running initdb.
 */
function removeAbandonedClusters() {
  const hourAgo = Date.now() - 3_600_000;
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(prefix)) continue;
    const dir = path.join(tmpdir(), name);
    try {
      if (statSync(dir).mtimeMs > hourAgo) continue;
      const pidFile = path.join(dir, "data", "postmaster.pid");
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8").split("\n")[0]) : 0;
      if (pid > 0 && isAlive(pid)) continue;
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another run removed it first, or it is not ours to read: leave it.
    }
  }
}

export interface StartOptions {
  /** Extra `-c name=value` settings, e.g. for benchmarks. */
  settings?: Record<string, string | number>;
  /** How long to wait for "ready to accept connections". */
  readyTimeoutMs?: number;
}

/**
 * The postmaster runs in the foreground as an owned child (not daemonized by `pg_ctl`), so it
 * dies with the process that started it: a runner killed mid-test leaves no server behind.
 * SIGQUIT is PostgreSQL's immediate shutdown, right for a throw-away cluster.
 */
export async function startPostgresServer(options: StartOptions = {}): Promise<PostgresServer> {
  const found = findPostgresBinaries();
  if ("missing" in found) throw new Error(found.missing);
  const runUser = process.getuid?.() === 0 ? "postgres" : undefined;

  removeAbandonedClusters();
  const baseDir = mkdtempSync(path.join(tmpdir(), prefix));
  const dataDir = path.join(baseDir, "data");
  chmodSync(baseDir, 0o777);
  if (runUser) execFileSync("chown", [runUser, baseDir]);

  runAs(runUser, path.join(found.binDir, "initdb"), [
    "-D",
    dataDir,
    "-U",
    "postgres",
    "--auth=trust",
    "--encoding=UTF8",
    "--no-sync",
  ]);

  const settings = { fsync: "off", synchronous_commit: "off", full_page_writes: "off", ...options.settings };
  // A port found free can be taken before the postmaster binds it: retry on a fresh one.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const started = await startPostmaster(found.binDir, runUser, baseDir, dataDir, port, settings, options);
    if ("pid" in started) return started;
    if (!started.log.includes("could not bind") || attempt === 3) {
      rmSync(baseDir, { recursive: true, force: true });
      throw new Error(`PostgreSQL did not start:\n${started.log}`);
    }
  }
}

async function startPostmaster(
  binDir: string,
  runUser: string | undefined,
  baseDir: string,
  dataDir: string,
  port: number,
  settings: Record<string, string | number>,
  options: StartOptions,
): Promise<PostgresServer | { log: string }> {
  const args = ["-D", dataDir, "-p", String(port), "-h", "127.0.0.1", "-k", baseDir];
  for (const [name, value] of Object.entries(settings)) args.push("-c", `${name}=${value}`);
  const child = spawnOwned(path.join(binDir, "postgres"), args, {
    user: runUser,
    deathSignal: "SIGQUIT",
    stdio: ["ignore", "ignore", "pipe"],
  });
  // Keep reading the log for the server's whole life (a full pipe would block it); keep the tail.
  let log = "";
  child.stderr?.on("data", (chunk) => {
    log = (log + chunk).slice(-64 * 1024);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const outcome = await new Promise<"ready" | "exited" | "timeout">((resolve) => {
    const timer = setTimeout(() => resolve("timeout"), readyTimeoutMs);
    const check = () => {
      if (!log.includes("ready to accept connections")) return;
      clearTimeout(timer);
      resolve("ready");
    };
    child.stderr?.on("data", check);
    void exited.then(() => {
      clearTimeout(timer);
      resolve("exited");
    });
  });
  if (outcome !== "ready") {
    child.kill("SIGQUIT");
    await exited;
    const why = outcome === "timeout" ? `not ready after ${readyTimeoutMs} ms` : "exited";
    return { log: `${why}\n${log}` };
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    pid: child.pid as number,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGQUIT");
      await exited;
      rmSync(baseDir, { recursive: true, force: true });
    },
  };
}
