"use client";

import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import { useOpenedOnce } from "~/app/_components/opened-once";
import type { AlarmActionDialog as EagerAlarmActionDialog } from "./alarm-action-dialog";
import type { AlarmDrawer as EagerAlarmDrawer } from "./alarm-drawer";

const AlarmDrawer = dynamic(() => import("./alarm-drawer").then((m) => m.AlarmDrawer), { ssr: false });
const AlarmActionDialog = dynamic(() => import("./alarm-action-dialog").then((m) => m.AlarmActionDialog), {
  ssr: false,
});

/**
 * The alarm drawer for the console and the device page's Alarms tab, its code (the sheet, the
 * transitions and deliveries) loaded with the first alarm opened rather than with the page.
 */
export function LazyAlarmDrawer(props: ComponentProps<typeof EagerAlarmDrawer>) {
  return useOpenedOnce(props.alarm !== undefined) ? <AlarmDrawer {...props} /> : null;
}

/** The acknowledge/clear dialog, its code (the dialog, the toaster) loaded with the first action. */
export function LazyAlarmActionDialog(props: ComponentProps<typeof EagerAlarmActionDialog>) {
  return useOpenedOnce(props.action !== null) ? <AlarmActionDialog {...props} /> : null;
}
