"use client";

import dynamic from "next/dynamic";
import { type ComponentProps, useState } from "react";
import type { AlarmDrawer as EagerAlarmDrawer } from "./alarm-drawer";

const AlarmDrawer = dynamic(() => import("./alarm-drawer").then((m) => m.AlarmDrawer), { ssr: false });

/**
 * The alarm drawer for the console and the device page's Alarms tab, its code (the sheet, the
 * transitions and deliveries) loaded with the first alarm opened rather than with the page.
 * Mounted from then on, so closing keeps the sheet's exit animation.
 */
export function LazyAlarmDrawer(props: ComponentProps<typeof EagerAlarmDrawer>) {
  const [openedOnce, setOpenedOnce] = useState(false);
  if (props.alarm !== undefined && !openedOnce) setOpenedOnce(true);
  return openedOnce ? <AlarmDrawer {...props} /> : null;
}
