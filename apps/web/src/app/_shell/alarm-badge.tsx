"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useTRPC } from "~/trpc/react";

/**
 * The open-alarm count beside "Alarms" in the sidebar. Each live transition carries the count,
 * so the badge follows the fleet without polling; the query gives the first value.
 */
export function AlarmBadge() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const count = useQuery(trpc.alarms.openCount.queryOptions({}));
  useSubscription(
    trpc.alarms.live.subscriptionOptions(
      {},
      {
        onData: ({ data }) =>
          queryClient.setQueryData(trpc.alarms.openCount.queryKey({}), { open: data.openCount }),
      },
    ),
  );
  const open = count.data?.open ?? 0;
  if (open === 0) return null;
  return (
    <span
      data-slot="alarm-badge"
      className="ml-auto rounded-full bg-destructive px-1.5 py-0.5 font-medium text-destructive-foreground text-xs tabular-nums leading-none"
    >
      {open > 99 ? "99+" : open}
      <span className="sr-only"> open alarm{open === 1 ? "" : "s"}</span>
    </span>
  );
}
