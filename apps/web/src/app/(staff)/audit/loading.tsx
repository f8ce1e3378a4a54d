import { Skeleton } from "@revolv/ui/skeleton";

export default function AuditLoading() {
  return (
    <div className="grid gap-4" role="status" aria-busy aria-label="Loading the audit log">
      <Skeleton className="h-8 w-32" />
      <Skeleton className="h-8 w-96" />
      {Array.from({ length: 6 }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <Skeleton key={i} className="h-10 w-full" />
      ))}
    </div>
  );
}
