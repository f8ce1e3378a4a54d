/**
 * Starts a throw-away PostgreSQL server from the machine's own binaries (Debian's
 * `postgresql` package), for tests and benchmarks that must hit a real server rather than
 * PGlite. `initdb` refuses to run as root, so as root the server runs as the `postgres`
 * system user the Debian package creates.
 */
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export interface PostgresServer {
  url: string;
  port: number;
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

export interface StartOptions {
  /** Extra `-c name=value` settings, e.g. for benchmarks. */
  settings?: Record<string, string | number>;
}

export async function startPostgresServer(options: StartOptions = {}): Promise<PostgresServer> {
  const found = findPostgresBinaries();
  if ("missing" in found) throw new Error(found.missing);
  const runUser = process.getuid?.() === 0 ? "postgres" : undefined;

  const baseDir = mkdtempSync(path.join(tmpdir(), "revolv-pg-"));
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

  const port = await freePort();
  const settings = { fsync: "off", synchronous_commit: "off", full_page_writes: "off", ...options.settings };
  const opts = [
    `-p ${port}`,
    "-h 127.0.0.1",
    `-k ${baseDir}`,
    ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`),
  ].join(" ");
  runAs(runUser, path.join(found.binDir, "pg_ctl"), [
    "-D",
    dataDir,
    "-o",
    opts,
    "-l",
    path.join(baseDir, "server.log"),
    "-w",
    "-t",
    "60",
    "start",
  ]);

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      await new Promise<void>((resolve) => {
        const args = ["-D", dataDir, "-m", "immediate", "-w", "stop"];
        const child = runUser
          ? spawn("runuser", ["-u", runUser, "--", path.join(found.binDir, "pg_ctl"), ...args], {
              stdio: "ignore",
            })
          : spawn(path.join(found.binDir, "pg_ctl"), args, { stdio: "ignore" });
        child.on("exit", () => resolve());
        child.on("error", () => resolve());
      });
      rmSync(baseDir, { recursive: true, force: true });
    },
  };
}
