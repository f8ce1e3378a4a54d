import path from "node:path";
import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_SERVER } from "next/constants";
import { devOriginHosts } from "./src/server/dev-origins";
import { assertStartedByServer } from "./src/server/services";

export const config: NextConfig = {
  // Tests run their own server beside a developer's `pnpm dev`; Next allows one per distDir.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The image runs the traced files only (`.next/standalone`, see Dockerfile), traced from the
  // repository root so the workspace packages' files are found.
  output: "standalone",
  outputFileTracingRoot: path.resolve(import.meta.dirname, "../.."),
  // Production never opens the embedded engines (server.ts imports them only when embedded),
  // so they stay out of the image even where a traced module could load them.
  outputFileTracingExcludes: {
    "*": ["**/node_modules/chdb/**", "**/node_modules/@chdb/**", "**/node_modules/@electric-sql/pglite*/**"],
  },
  // Internal packages export TypeScript source (no build step between packages).
  transpilePackages: [
    "@revolv/api",
    "@revolv/auth",
    "@revolv/db",
    "@revolv/env",
    "@revolv/observability",
    "@revolv/telemetry",
    "@revolv/ui",
    "@revolv/validators",
  ],
  // Native and WASM engines must be loaded by Node, not bundled.
  serverExternalPackages: [
    "chdb",
    "@electric-sql/pglite",
    "@clickhouse/client",
    "@node-rs/argon2",
    "pg",
    "@neondatabase/serverless",
    "drizzle-orm",
    "aedes",
    "fauxqs",
    // Loaded by Node, one copy shared with server.ts: the metrics registry, the logger's worker-free
    // streams and Sentry's client are process-wide.
    "prom-client",
    "pino",
    "pino-pretty",
    "@sentry/node",
    // Its assets are read from the package directory on disk (the API docs page).
    "swagger-ui-dist",
  ],
  // Dev only: lets `pnpm dev` hydrate at 127.0.0.1 and the machine's LAN address, not just localhost.
  allowedDevOrigins: devOriginHosts(),
  poweredByHeader: false,
  experimental: {
    // `forbidden()`: a page the role may not read answers 403 with app/forbidden.tsx.
    authInterrupts: true,
    // A CI build starts from a clean clone and is never rebuilt there: writing Turbopack's
    // cache for a next build that never comes took two minutes of a two-core run.
    turbopackFileSystemCacheForBuild: !process.env.CI,
  },
  typescript: {
    tsconfigPath: "./tsconfig.json",
    // The builds the tests make (test/production-build.ts, the image test) skip Next's own type
    // check: `pnpm test` type-checks every package with tsc in the same run.
    ignoreBuildErrors: process.env.REVOLV_BUILD_WITHOUT_TYPECHECK === "1",
  },
};

/** Serving needs the engines server.ts opens; building does not. */
export default function nextConfig(phase: string): NextConfig {
  if (phase === PHASE_DEVELOPMENT_SERVER || phase === PHASE_PRODUCTION_SERVER) assertStartedByServer();
  return config;
}
