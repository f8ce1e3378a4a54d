"use client";

import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import { useOpenedOnce } from "~/app/_components/opened-once";
import type { AuditDrawer as EagerAuditDrawer } from "./audit-drawer";

const AuditDrawer = dynamic(() => import("./audit-drawer").then((m) => m.AuditDrawer), { ssr: false });

/**
 * The audit drawer for the audit log and the device page's Activity tab, its code (the diff, the
 * sheet) loaded with the first event opened rather than with the page.
 */
export function LazyAuditDrawer(props: ComponentProps<typeof EagerAuditDrawer>) {
  return useOpenedOnce(props.event !== null) ? <AuditDrawer {...props} /> : null;
}
