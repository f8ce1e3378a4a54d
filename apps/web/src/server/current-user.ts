import { createCaller, createRequestContext } from "@revolv/api";
import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { getRuntime } from "./services";

/**
 * The API as the current request's caller, for server components: pages read through the same
 * procedures and permission checks as every other client, never around them.
 */
export async function requestCaller() {
  const { services, authSecret, registration } = getRuntime();
  return createCaller(
    await createRequestContext({ services, headers: new Headers(await headers()), authSecret, registration }),
  );
}

/** Null for an anonymous caller (or a revoked session); other errors are real errors. */
export async function unlessUnauthorized<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "UNAUTHORIZED" || error.code === "FORBIDDEN"))
      return null;
    throw error;
  }
}
