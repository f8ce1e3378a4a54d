"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useTRPC } from "~/trpc/react";

/**
 * Follows `alarms.live`: any transition anywhere may add, move or drop rows of an alarm view, so
 * each one refetches the alarm lists, transitions and deliveries on screen. Returns the
 * subscription's status ("pending" while live) for the page's live indicator. Disabled for a role
 * without `alarm:read` (the server would refuse the subscription anyway).
 */
export function useAlarmLiveRefresh({ enabled = true }: { enabled?: boolean } = {}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const live = useSubscription(
    trpc.alarms.live.subscriptionOptions(
      {},
      {
        enabled,
        onData: () => {
          for (const filter of [
            trpc.alarms.list.pathFilter(),
            trpc.alarms.transitions.pathFilter(),
            trpc.alarms.deliveries.pathFilter(),
          ])
            void queryClient.invalidateQueries(filter);
        },
      },
    ),
  );
  return live.status;
}

export type AlarmLiveStatus = ReturnType<typeof useAlarmLiveRefresh>;

/** The line under a live alarm view saying whether it is following transitions. */
export function AlarmLiveNote({ status }: { status: AlarmLiveStatus }) {
  return (
    <p className="text-muted-foreground text-sm" data-live={status} aria-live="polite">
      {status === "pending"
        ? "Live: updates as alarms are raised, acknowledged and cleared."
        : status === "error"
          ? "Live updates paused; the list refreshes when you reload."
          : "Connecting to live updates…"}
    </p>
  );
}
