"use client";

import { type FocusEvent, type KeyboardEvent, type ReactNode, Suspense, useState } from "react";

/** What the plain trigger spreads on itself, so pointer, focus, click and keys wake the real part. */
export type FirstUseTriggerProps = {
  onPointerEnter: () => void;
  onFocus: (event: FocusEvent<HTMLElement>) => void;
  onClick: () => void;
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
};

/**
 * Keeps a popup's code (a Radix menu or sheet: positioning, focus trap, scroll lock) out of a
 * page's first load. Until first use it renders `trigger`, a plain button that looks like the
 * real one; pointer over or focus starts `preload`, so the click rarely waits. The first click
 * (or ArrowDown, which opens a menu from its trigger) renders `children` in its place: the
 * caller's `React.lazy` part, rendered open, whose own trigger then takes over for good.
 */
export function FirstUse({
  trigger,
  preload,
  children,
}: {
  trigger: (props: FirstUseTriggerProps) => ReactNode;
  preload: () => unknown;
  children: ReactNode;
}) {
  const [used, setUsed] = useState(false);
  const plain = trigger({
    onPointerEnter: () => void preload(),
    onFocus: () => void preload(),
    onClick: () => setUsed(true),
    onKeyDown: (event) => {
      if (event.key !== "ArrowDown") return;
      event.preventDefault();
      setUsed(true);
    },
  });
  if (!used) return plain;
  // While the part loads, the plain trigger stays where it was.
  return <Suspense fallback={plain}>{children}</Suspense>;
}
