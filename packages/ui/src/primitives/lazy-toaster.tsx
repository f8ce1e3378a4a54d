"use client";

import { lazy, Suspense, useSyncExternalStore } from "react";
import type { ToasterProps } from "sonner";
import { subscribeToToastsLoaded, toastsLoaded } from "./toaster-signal";

const Toaster = lazy(() => import("./toaster").then((module) => ({ default: module.Toaster })));

/**
 * `Toaster` for a layout that every page shares: sonner loads with the first code that imports
 * `toast` (a dialog, a form), not with the page. A toast raised before the Toaster mounted is
 * still shown: sonner replays the active toasts to a Toaster that subscribes late.
 */
export function LazyToaster(props: ToasterProps) {
  const wanted = useSyncExternalStore(subscribeToToastsLoaded, toastsLoaded, () => false);
  if (!wanted) return null;
  return (
    <Suspense fallback={null}>
      <Toaster {...props} />
    </Suspense>
  );
}

type Toast = typeof import("./toaster").toast;

/**
 * `toast.success` / `toast.error` for code that is part of a page's first load (a table's row
 * actions, a form): sonner loads with the first toast instead of with the page, and
 * `LazyToaster` then mounts and shows it.
 */
export const lazyToast = {
  success: (...args: Parameters<Toast["success"]>) =>
    void import("./toaster").then(({ toast }) => toast.success(...args)),
  error: (...args: Parameters<Toast["error"]>) =>
    void import("./toaster").then(({ toast }) => toast.error(...args)),
};
