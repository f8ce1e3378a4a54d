import type { ComponentProps } from "react";
import { cn } from "../cn";

/**
 * A round badge of someone's initials. Users have no pictures in this product, so there is no
 * image slot: Radix's Avatar, which waits for an image to load before hiding the fallback, cost
 * every staff page about 2 kB of script for a picture that never comes.
 */
export function Avatar({ className, ...props }: ComponentProps<"span">) {
  return (
    <span
      data-slot="avatar"
      className={cn("relative flex size-8 shrink-0 overflow-hidden rounded-full", className)}
      {...props}
    />
  );
}

export function AvatarFallback({ className, ...props }: ComponentProps<"span">) {
  return (
    <span
      data-slot="avatar-fallback"
      className={cn(
        "flex size-full items-center justify-center rounded-full bg-muted text-xs font-medium",
        className,
      )}
      {...props}
    />
  );
}

/** "Ada Lovelace" → "AL"; an e-mail address → its first letter. */
export function initialsOf(name: string): string {
  const words = name.split(/[\s@._-]+/).filter(Boolean);
  const [first, second] = name.includes("@") ? [words[0]] : words;
  return `${first?.[0] ?? "?"}${second?.[0] ?? ""}`.toUpperCase();
}
