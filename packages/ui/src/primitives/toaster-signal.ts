/**
 * Whether code that shows toasts has loaded (`toaster.tsx` says so when it is evaluated), so
 * `LazyToaster` mounts sonner's Toaster then rather than with every page. Its own module: it
 * must not pull in sonner.
 */
let loaded = false;
const listeners = new Set<() => void>();

export function announceToasts(): void {
  if (loaded) return;
  loaded = true;
  for (const listener of listeners) listener();
}

export const toastsLoaded = () => loaded;

export function subscribeToToastsLoaded(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
