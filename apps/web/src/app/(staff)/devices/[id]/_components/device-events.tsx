"use client";

import { Badge, type BadgeProps } from "@revolv/ui/badge";
import { Button } from "@revolv/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@revolv/ui/card";
import { LocalTime } from "@revolv/ui/local-time";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@revolv/ui/select";
import { Skeleton } from "@revolv/ui/skeleton";
import { type DeviceEventType, deviceEventTypes } from "@revolv/validators";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";

const labels: Record<DeviceEventType, string> = {
  connected: "Connected",
  disconnected: "Disconnected",
  went_offline: "Went offline",
  came_back: "Came back",
  fault: "Fault",
  jam: "Jam",
};
const variants: Record<DeviceEventType, BadgeProps["variant"]> = {
  connected: "success",
  disconnected: "muted",
  went_offline: "warning",
  came_back: "info",
  fault: "destructive",
  jam: "destructive",
};
const all = "all";
const pageSize = 10;

/**
 * The device's events from `devices.events`, newest first: connects and disconnects from the
 * broker, offline and back from the inactivity sweep, faults and jams from its telemetry.
 * Refetched every 15 s, so an offline device shows it without a reload.
 */
export function DeviceEvents({ deviceId }: { deviceId: string }) {
  const trpc = useTRPC();
  const [type, setType] = useState<DeviceEventType | undefined>(undefined);
  const [page, setPage] = useState(1);
  const events = useQuery({
    ...trpc.devices.events.queryOptions({ id: deviceId, type, page, pageSize }),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
  const data = events.data;

  return (
    <Card className="gap-3 py-4" role="region" aria-label="Events">
      <CardHeader className="flex flex-wrap items-center gap-2 px-4">
        <div className="grid gap-1">
          <CardTitle className="text-base">Events</CardTitle>
          <CardDescription>Connects, offline and back, faults and jams</CardDescription>
        </div>
        <Select
          value={type ?? all}
          onValueChange={(value) => {
            setType(value === all ? undefined : (value as DeviceEventType));
            setPage(1);
          }}
        >
          <SelectTrigger size="sm" aria-label="Event type" className="ml-auto w-44">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={all}>All events</SelectItem>
            {deviceEventTypes.map((t) => (
              <SelectItem key={t} value={t}>
                {labels[t]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </CardHeader>
      <CardContent className="grid gap-3 px-4">
        {!data ? (
          events.isError ? (
            <p className="text-destructive text-sm">Events could not be loaded.</p>
          ) : (
            <Skeleton className="h-24 w-full" />
          )
        ) : data.items.length === 0 ? (
          <p className="text-muted-foreground text-sm">No events{type ? ` of this type` : ""} yet.</p>
        ) : (
          <ol className="grid gap-1.5 text-sm" aria-busy={events.isFetching}>
            {data.items.map((event) => (
              <li key={event.eventId} className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <LocalTime value={event.at} className="w-44 text-muted-foreground tabular-nums" />
                <Badge variant={variants[event.type]}>{labels[event.type]}</Badge>
                {event.detail ? <span className="text-muted-foreground">{event.detail}</span> : null}
              </li>
            ))}
          </ol>
        )}
        {data && data.pageCount > 1 ? (
          <div className="flex items-center gap-2 text-muted-foreground text-sm">
            <span>
              Page {data.page} of {data.pageCount} ({data.total} events)
            </span>
            <Button
              size="sm"
              variant="outline"
              className="ml-auto"
              disabled={page <= 1}
              onClick={() => setPage((p) => p - 1)}
            >
              Newer
            </Button>
            <Button
              size="sm"
              variant="outline"
              disabled={page >= data.pageCount}
              onClick={() => setPage((p) => p + 1)}
            >
              Older
            </Button>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
