"use client";

import type { AppRouter } from "@revolv/api";
import { skipToken, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback, useEffect, useRef } from "react";
import { useTRPC } from "~/trpc/react";

type LiveOutput = inferRouterOutputs<AppRouter>["telemetry"]["live"];
/** One batch of readings as `telemetry.live` streams it (a tracked event's data). */
export type LiveBatch =
  LiveOutput extends AsyncIterable<infer Event>
    ? Event extends { data: infer Batch }
      ? Batch
      : never
    : never;
type Listener = (batch: LiveBatch) => void;

export interface DeviceLive {
  /** The subscription's status: `pending` while it is connected and streaming. */
  status: "idle" | "connecting" | "pending" | "error";
  /** Called with every batch until the returned function is called. */
  subscribe: (listener: Listener) => () => void;
}

/**
 * The page's one `telemetry.live` stream for a device (one EventSource, whichever tab is open):
 * the header follows it on every tab, the Overview's latest values and chart while shown.
 */
export function useDeviceLive(deviceId: string, enabled: boolean): DeviceLive {
  const trpc = useTRPC();
  const listeners = useRef(new Set<Listener>());
  const live = useSubscription(
    trpc.telemetry.live.subscriptionOptions(enabled ? { deviceId } : skipToken, {
      onData: ({ data: batch }) => {
        for (const listener of listeners.current) listener(batch);
      },
    }),
  );
  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  return { status: live.status, subscribe };
}

/** At most one refetch of the device per this many ms however fast it publishes. */
export const deviceRefreshIntervalMs = 1_000;

/**
 * Refetches `devices.get` after live readings arrive, so the header's status and last seen follow
 * a publishing device without a reload. Trailing, not leading: the worker marks the device seen
 * in Postgres just after the readings reach ClickHouse (where the stream reads them), so a
 * refetch on the first batch would often still read "never"; one a second later reads the new
 * state, and a device publishing 5 messages a second costs one refetch a second, not five.
 */
export function useDeviceRefreshOnLive(deviceId: string, live: DeviceLive) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = live.subscribe(() => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void queryClient.invalidateQueries({ queryKey: trpc.devices.get.queryKey({ id: deviceId }) });
      }, deviceRefreshIntervalMs);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [deviceId, live.subscribe, queryClient, trpc]);
}
