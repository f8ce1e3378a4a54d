"use client";

import { Button } from "@revolv/ui/button";
import { type ComponentProps, type ComponentType, type ReactNode, useState } from "react";
import { useOpenedOnce } from "./opened-once";

/** What a dialog opened by `LazyDialogButton` receives: the open state lives in the button. */
export type DialogOpenState = { open: boolean; setOpen: (open: boolean) => void };

/**
 * A button that opens a dialog whose code loads on first use: pass a `next/dynamic` component
 * (`ssr: false`) as `dialog`. It mounts on the first click and stays mounted, so closing keeps
 * the dialog's own exit animation and state handling; `preload` (the same `import()`) runs when
 * the pointer or focus reaches the button, so the click rarely waits. A dialog's form, its Zod
 * schemas and the dialog primitives are then no part of the page's first load.
 */
export function LazyDialogButton({
  dialog: Dialog,
  preload,
  children,
  ...button
}: Omit<ComponentProps<typeof Button>, "onClick" | "children"> & {
  dialog: ComponentType<DialogOpenState>;
  preload: () => unknown;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const used = useOpenedOnce(open);
  return (
    <>
      <Button
        {...button}
        aria-haspopup="dialog"
        aria-expanded={open}
        onPointerEnter={() => void preload()}
        onFocus={() => void preload()}
        onClick={() => setOpen(true)}
      >
        {children}
      </Button>
      {used ? <Dialog open={open} setOpen={setOpen} /> : null}
    </>
  );
}
