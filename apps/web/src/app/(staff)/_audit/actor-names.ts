"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { useTRPC } from "~/trpc/react";
import { actorUsersInput } from "./audit-inputs";

/**
 * An audit actor's name: the username for roles that may list users, else the id's first
 * characters; `null` is the system (a sweep, a worker).
 */
export function useActorNames(canReadUsers: boolean) {
  const trpc = useTRPC();
  const users = useQuery({ ...trpc.users.list.queryOptions(actorUsersInput), enabled: canReadUsers });
  const usernames = useMemo(
    () => new Map(users.data?.items.map((user) => [user.id, user.username]) ?? []),
    [users.data],
  );
  const actorName = useCallback(
    (id: string | null) => (id === null ? "system" : (usernames.get(id) ?? id.slice(0, 8))),
    [usernames],
  );
  return { users, actorName };
}
