import { useEffect } from "react";

/**
 * Opens the palette on ⌘K / Ctrl+K anywhere on the page. Its own module, so an app can listen
 * for the shortcut on every page and load the palette (cmdk) only when it is first opened.
 */
export function useCommandPaletteShortcut(setOpen: (update: (open: boolean) => boolean) => void) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() === "k" && (event.metaKey || event.ctrlKey)) {
        event.preventDefault();
        setOpen((open) => !open);
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [setOpen]);
}
