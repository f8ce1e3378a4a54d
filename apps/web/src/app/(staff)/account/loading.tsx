import { Skeleton } from "@revolv/ui/skeleton";

export default function AccountLoading() {
  return (
    <div className="mx-auto grid max-w-4xl gap-6" role="status" aria-busy aria-label="Loading your account">
      <Skeleton className="h-8 w-40" />
      <Skeleton className="h-64 w-full" />
      <Skeleton className="h-40 w-full" />
    </div>
  );
}
