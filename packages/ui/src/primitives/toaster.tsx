import type { CSSProperties } from "react";
import { Toaster as Sonner, type ToasterProps, toast } from "sonner";
import { announceToasts } from "./toaster-signal";

export { toast };

// Whoever imports `toast` may toast now: a `LazyToaster` on the page mounts the Toaster.
announceToasts();

/**
 * Sonner themed from our tokens. `theme` follows the class on <html> by default ("system"
 * would follow the OS instead of the user's choice in the app).
 */
export function Toaster({ theme, ...props }: ToasterProps) {
  const resolved =
    theme ??
    (typeof document !== "undefined" && document.documentElement.classList.contains("dark")
      ? "dark"
      : "light");
  return (
    <Sonner
      theme={resolved}
      className="toaster group"
      style={
        {
          "--normal-bg": "var(--popover)",
          "--normal-text": "var(--popover-foreground)",
          "--normal-border": "var(--border)",
          "--success-bg": "var(--popover)",
          "--success-text": "var(--success)",
          "--success-border": "var(--border)",
          "--error-bg": "var(--popover)",
          "--error-text": "var(--destructive)",
          "--error-border": "var(--border)",
        } as CSSProperties
      }
      toastOptions={{
        classNames: {
          description: "!text-muted-foreground",
          actionButton: "!bg-primary !text-primary-foreground",
          cancelButton: "!bg-secondary !text-secondary-foreground",
        },
      }}
      {...props}
    />
  );
}
