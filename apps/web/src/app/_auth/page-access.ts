import { type Permission, roleHasPermission } from "@revolv/auth";
import { forbidden, redirect } from "next/navigation";
import { getRequestContext } from "~/trpc/server";

type SearchParams = Record<string, string | string[] | undefined>;

/** The address of the page as typed, for `callbackUrl`: path plus its query. */
export function pageAddress(path: string, searchParams: SearchParams = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value])
      query.append(key, one);
  }
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * Every page calls this first, on the server: layouts are not re-rendered on client-side
 * navigation, so a check there would miss a page reached by a link. No session (never signed in,
 * expired or revoked) goes to the sign-in page and back; a role without the permission gets 403.
 * The API checks every call again; this only decides what the page may show.
 */
export async function requirePageAccess(permission: Permission | "authenticated", address: string) {
  const { principal } = await getRequestContext();
  if (!principal) redirect(`/sign-in?callbackUrl=${encodeURIComponent(address)}`);
  if (permission !== "authenticated" && !roleHasPermission(principal.role, permission)) forbidden();
  return principal;
}
