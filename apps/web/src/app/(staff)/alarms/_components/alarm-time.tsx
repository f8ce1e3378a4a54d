/**
 * A moment in the reader's time zone, UTC on hover. The server renders in its own zone and the
 * browser re-renders in the reader's, so the text may differ on hydration (on purpose).
 */
export function AlarmTime({ at }: { at: Date }) {
  return (
    <time
      dateTime={at.toISOString()}
      title={`${at.toISOString().replace("T", " ").slice(0, 19)} UTC`}
      suppressHydrationWarning
    >
      {at.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" })}
    </time>
  );
}
