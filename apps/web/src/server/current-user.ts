import { createCaller, createRequestContext } from "@revolv/api";
import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { getRuntime } from "./services";

/**
 * The signed-in user for a server component, through `users.me` like any other client, so the
 * page sees exactly what the API decides (a revoked session is signed out here too).
 */
export async function getCurrentUser() {
  const { services, authSecret } = getRuntime();
  const ctx = await createRequestContext({ services, headers: new Headers(await headers()), authSecret });
  try {
    return await createCaller(ctx).users.me();
  } catch (error) {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") return null;
    throw error;
  }
}
