"use client";

import {
  createContext,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  Suspense,
  useRef,
  useState,
} from "react";

/** What the plain trigger spreads on itself, so pointer, focus, click and keys wake the real part. */
export type FirstUseTriggerProps = {
  onPointerEnter: () => void;
  onFocus: (event: FocusEvent<HTMLElement>) => void;
  onClick: (event: MouseEvent<HTMLElement>) => void;
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
};

/**
 * Whether a key (Enter, Space, ArrowDown) rather than a pointer woke `FirstUse`, for the menu it
 * mounts to read once: Radix focuses a menu's first item only after a key it saw itself, and the
 * key that woke `FirstUse` came before the menu existed (`DropdownMenuContent` reads it).
 */
export const FirstUseOpenedByKey = createContext<{ current: boolean } | null>(null);

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
  const openedByKey = useRef(false);
  const plain = trigger({
    onPointerEnter: () => void preload(),
    onFocus: () => void preload(),
    onClick: (event) => {
      // A button's click from Enter or Space has no pointer presses to count.
      openedByKey.current = event.detail === 0;
      setUsed(true);
    },
    onKeyDown: (event) => {
      if (event.key !== "ArrowDown") return;
      event.preventDefault();
      openedByKey.current = true;
      setUsed(true);
    },
  });
  if (!used) return plain;
  // While the part loads, the plain trigger stays where it was.
  return (
    <FirstUseOpenedByKey value={openedByKey}>
      <Suspense fallback={plain}>{children}</Suspense>
    </FirstUseOpenedByKey>
  );
}
