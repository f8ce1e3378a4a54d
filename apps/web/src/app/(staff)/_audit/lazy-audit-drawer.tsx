"use client";

import dynamic from "next/dynamic";
import { type ComponentProps, useState } from "react";
import type { AuditDrawer as EagerAuditDrawer } from "./audit-drawer";

const AuditDrawer = dynamic(() => import("./audit-drawer").then((m) => m.AuditDrawer), { ssr: false });

/**
 * The audit drawer for the audit log and the device page's Activity tab, its code (the diff, the
 * sheet) loaded with the first event opened rather than with the page. Mounted from then on, so
 * closing keeps the sheet's exit animation.
 */
export function LazyAuditDrawer(props: ComponentProps<typeof EagerAuditDrawer>) {
  const [openedOnce, setOpenedOnce] = useState(false);
  if (props.event !== null && !openedOnce) setOpenedOnce(true);
  return openedOnce ? <AuditDrawer {...props} /> : null;
}
