"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

const utcFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});

const styles = {
  datetime: { dateStyle: "medium", timeStyle: "medium" },
  date: { dateStyle: "medium" },
  time: { timeStyle: "short" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/**
 * A moment in the reader's own time zone, with UTC on hover. The server cannot know the
 * reader's zone, so the server render and hydration show UTC (marked as such) and the browser
 * switches to local time right after: no hydration mismatch, no wrong zone left on screen.
 */
export function LocalTime({
  value,
  format = "datetime",
  className,
}: {
  value: Date;
  format?: keyof typeof styles;
  className?: string;
}) {
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const utc = `${utcFormat.format(value)} UTC`;
  const text = inBrowser
    ? new Intl.DateTimeFormat(undefined, styles[format]).format(value)
    : new Intl.DateTimeFormat("en-GB", { ...styles[format], timeZone: "UTC" }).format(value) + " UTC";
  return (
    <time dateTime={value.toISOString()} title={utc} className={className} data-slot="local-time">
      {text}
    </time>
  );
}
