import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * In the image there is no next.config.ts (nor TypeScript to load it): Next's standalone
 * output keeps the resolved configuration in `.next/required-server-files.json`, and its own
 * `server.js` hands it over through `__NEXT_PRIVATE_STANDALONE_CONFIG`. This server does the
 * same, only where next.config.ts is absent, so `pnpm start` in the repository is unchanged.
 */
export function applyStandaloneConfig(appDir: string): void {
  if (existsSync(path.join(appDir, "next.config.ts"))) return;
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const { config } = JSON.parse(
    readFileSync(path.join(appDir, distDir, "required-server-files.json"), "utf8"),
  ) as {
    config: unknown;
  };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
}
