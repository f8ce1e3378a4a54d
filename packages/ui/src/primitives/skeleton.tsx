import type { ComponentProps } from "react";
import { cn } from "../cn";

/** The shape of what is loading; hidden from assistive tech, which hears the region's aria-busy. */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return (
    <div
      data-slot="skeleton"
      aria-hidden
      className={cn("animate-pulse rounded-md bg-muted motion-reduce:animate-none", className)}
      {...props}
    />
  );
}
