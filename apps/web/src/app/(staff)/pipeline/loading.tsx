import { Skeleton } from "@revolv/ui/skeleton";

/** The pipeline page's shape while its figures and the dead letters load. */
export default function PipelineLoading() {
  return (
    <div className="grid gap-4" role="status" aria-busy="true" aria-label="Loading the pipeline">
      <Skeleton className="h-8 w-40" />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders without identity
          <Skeleton key={i} className="h-28" />
        ))}
      </div>
      {Array.from({ length: 5 }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders without identity
        <Skeleton key={i} className="h-10" />
      ))}
    </div>
  );
}
