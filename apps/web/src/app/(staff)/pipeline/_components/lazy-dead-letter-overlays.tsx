"use client";

import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import { useOpenedOnce } from "~/app/_components/opened-once";
import type { DeadLetterActionDialog as EagerDeadLetterActionDialog } from "./dead-letter-action-dialog";
import type { DeadLetterDrawer as EagerDeadLetterDrawer } from "./dead-letter-drawer";

const DeadLetterDrawer = dynamic(() => import("./dead-letter-drawer").then((m) => m.DeadLetterDrawer), {
  ssr: false,
});
const DeadLetterActionDialog = dynamic(
  () => import("./dead-letter-action-dialog").then((m) => m.DeadLetterActionDialog),
  { ssr: false },
);

/** A dead letter's whole body in a drawer, its code loaded with the first letter opened. */
export function LazyDeadLetterDrawer(props: ComponentProps<typeof EagerDeadLetterDrawer>) {
  return useOpenedOnce(props.letter !== null) ? <DeadLetterDrawer {...props} /> : null;
}

/** The redrive/purge confirmation, its code loaded with the first action. */
export function LazyDeadLetterActionDialog(props: ComponentProps<typeof EagerDeadLetterActionDialog>) {
  return useOpenedOnce(props.action !== null) ? <DeadLetterActionDialog {...props} /> : null;
}
