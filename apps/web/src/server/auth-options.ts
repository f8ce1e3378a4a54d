import { createAuthOptions } from "@revolv/auth/next-auth";
import type { NextAuthOptions } from "next-auth";
import { getRuntime, type Runtime } from "./services";

let built: { runtime: Runtime; options: NextAuthOptions } | undefined;

/**
 * next-auth's options need the database and the secret, which server.ts publishes only once
 * the engines are open, possibly after this module loaded; so they are built on first use.
 */
export function getAuthOptions(): NextAuthOptions {
  const runtime = getRuntime();
  if (built?.runtime !== runtime) {
    built = { runtime, options: createAuthOptions({ db: runtime.services.db, secret: runtime.authSecret }) };
  }
  return built.options;
}
