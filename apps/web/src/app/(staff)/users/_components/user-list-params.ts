import type { ListUsersInput } from "@revolv/validators";
import { roleNames } from "@revolv/validators/role-names";
import {
  createLoader,
  type inferParserType,
  parseAsInteger,
  parseAsString,
  parseAsStringLiteral,
} from "nuqs/server";

export const userPageSize = 25;

/** The user list's view in the URL, read alike by the server page (prefetch) and the client table. */
export const userListParams = {
  q: parseAsString.withDefault(""),
  role: parseAsStringLiteral(roleNames),
  status: parseAsStringLiteral(["active", "disabled"] as const),
  page: parseAsInteger.withDefault(1),
};

export type UserListView = inferParserType<typeof userListParams>;

export const loadUserListView = createLoader(userListParams);

export function userListInputOf(view: UserListView): ListUsersInput {
  return {
    page: Math.max(1, view.page),
    pageSize: userPageSize,
    ...(view.q.trim() && { search: view.q.trim() }),
    ...(view.role && { role: view.role }),
    ...(view.status && { status: view.status }),
  };
}
