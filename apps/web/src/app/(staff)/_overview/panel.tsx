import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@revolv/ui/card";
import { Skeleton } from "@revolv/ui/skeleton";
import type { ReactNode } from "react";

/** One panel of the overview: a title, a line on what it counts, and its content. */
export function Panel({
  title,
  description,
  action,
  children,
}: {
  title: string;
  description?: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card className="gap-3 py-4" aria-label={title} role="region">
      <CardHeader className="flex items-start justify-between gap-2 px-4">
        <div className="grid gap-1">
          <CardTitle className="text-base">{title}</CardTitle>
          {description ? <CardDescription>{description}</CardDescription> : null}
        </div>
        {action}
      </CardHeader>
      <CardContent className="px-4">{children}</CardContent>
    </Card>
  );
}

/** The shape of a panel while its data streams in. */
export function PanelSkeleton({ rows = 3, label }: { rows?: number; label: string }) {
  return (
    <Card className="gap-3 py-4" role="status" aria-busy aria-label={`${label} (loading)`}>
      <CardHeader className="px-4">
        <Skeleton className="h-5 w-40" />
      </CardHeader>
      <CardContent className="grid gap-2 px-4">
        {Array.from({ length: rows }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
          <Skeleton key={i} className="h-6 w-full" />
        ))}
      </CardContent>
    </Card>
  );
}

/** What a panel shows when its query failed: what happened, and the id to quote to support. */
export function PanelError({ title, requestId }: { title: string; requestId: string }) {
  return (
    <Card className="gap-2 border-destructive/50 py-4" role="alert">
      <CardHeader className="px-4">
        <CardTitle className="text-base">{title}</CardTitle>
      </CardHeader>
      <CardContent className="px-4 text-sm">
        <p>This panel could not be loaded; reload the page to try again.</p>
        <p className="text-muted-foreground">
          Request id <code>{requestId}</code>
        </p>
      </CardContent>
    </Card>
  );
}
