import { Skeleton } from "@revolv/ui/skeleton";

/** The console's shape while the first page of alarms loads. */
export default function AlarmsLoading() {
  return (
    <div className="grid gap-4" role="status" aria-busy="true" aria-label="Loading alarms">
      <Skeleton className="h-8 w-40" />
      <div className="flex gap-2">
        <Skeleton className="h-8 w-60" />
        <Skeleton className="h-8 w-40" />
        <Skeleton className="h-8 w-56" />
      </div>
      {Array.from({ length: 6 }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders without identity
        <Skeleton key={i} className="h-10" />
      ))}
    </div>
  );
}
