import { useState } from "react";

/**
 * True from the first render where `open` is, and for good after. A dialog or drawer whose code
 * loads with `next/dynamic` renders from then on: none of its code is in the page's first load,
 * and once mounted it stays, so closing keeps its exit animation.
 */
export function useOpenedOnce(open: boolean): boolean {
  const [opened, setOpened] = useState(false);
  if (open && !opened) setOpened(true);
  return opened;
}
