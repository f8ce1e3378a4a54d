import type { ChildProcess } from "node:child_process";
import { createServer, request, type Server } from "node:http";
import path from "node:path";
import { spawnOwned } from "@revolv/owned-process";

const appDir = path.resolve(import.meta.dirname, "..");

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves when the process has exited, with its code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then the exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** This process's environment without the variables that would point the worker elsewhere. */
export function inheritedEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(CLICKHOUSE_|DATABASE_URL|DATA_DIR|SQS_|AWS_|INGEST_|TELEMETRY_)/.test(key)) delete env[key];
  }
  return env;
}

/**
 * The standalone worker exactly as `pnpm --filter @revolv/ingest-worker start` runs it (`tsx
 * src/main.ts`), as its own process. Node loads tsx as a hook rather than through the tsx
 * CLI, so the process we signal is the worker itself, not a wrapper that would outlive it; it
 * dies with the test process however that ends.
 */
export async function startWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  const worker = spawnWorker(["--import", "tsx", "src/main.ts"], env);
  // main.ts sends "ready" once it is receiving.
  await worker.nextMessage("ready", 90_000);
  return worker;
}

/** A worker process as it runs, and a way to wait for the IPC messages main.ts sends. */
export interface SpawnedWorker extends WorkerProcess {
  /** Resolves at the first IPC message of this type; rejects, with the output, when the process exits first or the deadline passes (then kills it). */
  nextMessage(type: string, deadlineMs?: number): Promise<void>;
}

/**
 * Spawns `node <args>` in the worker app with this process's environment (less what points
 * elsewhere) plus `env`, collecting its output; it dies with the test process however that ends.
 */
export function spawnWorker(args: string[], env: Record<string, string>): SpawnedWorker {
  const child = spawnOwned(process.execPath, args, {
    cwd: appDir,
    env: { ...inheritedEnv(), ...env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk;
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    output: () => output,
    exited,
    stop() {
      child.kill("SIGTERM");
      return exited;
    },
    nextMessage: (type, deadlineMs) =>
      new Promise<void>((resolve, reject) => {
        const timer =
          deadlineMs === undefined
            ? undefined
            : setTimeout(() => {
                child.kill("SIGKILL");
                reject(new Error(`worker sent no "${type}" within ${deadlineMs} ms:\n${output}`));
              }, deadlineMs);
        child.on("message", (message: { type?: string }) => {
          if (message.type !== type) return;
          clearTimeout(timer);
          resolve();
        });
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`worker exited before "${type}":\n${output}`));
        });
      }),
  };
}

export interface SqsTap {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * A pass-through in front of the SQS emulator that lets a test act at an exact moment of the
 * protocol, e.g. kill the worker when its first DeleteMessageBatch arrives (so after an insert
 * succeeded and before SQS heard about the delete). Every request it lets through reaches the
 * real emulator unchanged; a request it holds is never answered.
 */
export async function startSqsTap(
  target: string,
  onRequest: (action: string, body: string) => "forward" | "hold",
  onAnswered: (action: string) => void = () => {},
): Promise<SqsTap> {
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      // The AWS JSON protocol names the action in X-Amz-Target, e.g. AmazonSQS.DeleteMessageBatch.
      const action = String(req.headers["x-amz-target"] ?? "").replace(/^AmazonSQS\./, "");
      if (onRequest(action, body.toString("utf8")) === "hold") return;
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.once("end", () => onAnswered(action));
        },
      );
      forward.on("error", () => res.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
