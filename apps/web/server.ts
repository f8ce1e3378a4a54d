/**
 * The web app's process. In development (and with REVOLV_EMBEDDED=1) it is the one process of
 * the embedded stack: it opens the engines, the device edge and the worker (`@revolv/stack`),
 * then serves Next.js on PORT; chDB binds one data directory per process, which is why
 * everything shares this process rather than running beside it. In production it opens only
 * the configured servers (src/server/production-services.ts) and serves the build; the image
 * runs this file bundled (scripts/bundle-server.ts) beside Next's standalone output, without
 * `@revolv/stack` or the embedded engines.
 */
import { createServer } from "node:http";
import path from "node:path";
import { registerFleetMetrics } from "@revolv/api";
import { createLogger, lineLogger } from "@revolv/observability/logger";
import { collectProcessMetrics } from "@revolv/observability/metrics";
import { flushErrorReports, initErrorReporting } from "@revolv/observability/sentry";
import { formatIssues } from "@revolv/validators";
import next from "next";
import { parseServerEnv } from "./src/env";
import { devAuthSecret } from "./src/server/auth-secret";
import { brotliAssetServer } from "./src/server/brotli-assets/serve";
import { pinClientAddress } from "./src/server/client-address";
import { observeRequest } from "./src/server/http-metrics";
import { openProductionServices } from "./src/server/production-services";
import { markStartedByServer, publishRuntime } from "./src/server/services";
import { applyStandaloneConfig } from "./src/server/standalone-config";

// Nothing leaves the machine unless the operator opts in.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const parsed = parseServerEnv();
if (!parsed.success) {
  console.error(`[revolv] invalid configuration: ${formatIssues(parsed.error)}`);
  process.exit(1);
}
const env = parsed.data;
const dev = env.NODE_ENV !== "production";
// JSON lines in production, readable ones at a developer's terminal; secrets redacted either way.
const logger = createLogger({ name: "web", level: env.LOG_LEVEL, pretty: dev });
const log = lineLogger(logger);
initErrorReporting({ dsn: env.SENTRY_DSN, environment: env.SENTRY_ENVIRONMENT, service: "web" });
collectProcessMetrics();

try {
  const embedded = dev || env.REVOLV_EMBEDDED;
  // Imported only when chosen: the production image carries neither the stack nor its engines.
  const stack = embedded
    ? await (await import("@revolv/stack")).startStack(env, log, { logger })
    : await openProductionServices(env, log);
  // Route handlers find the engines here (src/server/services.ts explains why through globalThis).
  publishRuntime({
    services: stack.services,
    authSecret: env.AUTH_SECRET ?? devAuthSecret(env.DATA_DIR),
    registration: env.REGISTRATION,
    metricsToken: env.METRICS_TOKEN,
    log: (line, error, fields) => logger.error({ err: error, ...fields }, line),
  });
  registerFleetMetrics(stack.services.db);
  // next-auth v4 reads its origin from NEXTAUTH_URL, or from the request when told to trust it.
  if (!env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "1";

  markStartedByServer();
  if (!dev) applyStandaloneConfig(import.meta.dirname);
  const app = next({ dev, dir: import.meta.dirname, hostname: env.HOSTNAME, port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const serveBrotli = dev
    ? () => false
    : brotliAssetServer(path.join(import.meta.dirname, process.env.NEXT_DIST_DIR || ".next"));
  const server = createServer((req, res) => {
    pinClientAddress(req, env.TRUST_PROXY);
    observeRequest(req, res);
    if (serveBrotli(req, res)) return;
    return handle(req, res);
  });
  server.on("error", (error) => {
    logger.fatal(`cannot listen on ${env.HOSTNAME}:${env.PORT}: ${error.message}`);
    process.exit(1);
  });
  server.listen(env.PORT, env.HOSTNAME, () => {
    log(`ready on http://localhost:${env.PORT} (${dev ? "development" : "production"})`);
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received, shutting down`);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await app.close?.();
    await stack.stop();
    await flushErrorReports();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
} catch (error) {
  logger.fatal(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
