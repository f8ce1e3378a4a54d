"use client";

import type { AppRouter } from "@revolv/api";
import { Button } from "@revolv/ui/button";
import { FirstUse } from "@revolv/ui/first-use";
import type { inferRouterOutputs } from "@trpc/server";
import { MoreHorizontal } from "lucide-react";
import { type ComponentProps, lazy } from "react";
import type { DeviceActions } from "./device-actions";

export type Device = inferRouterOutputs<AppRouter>["devices"]["get"];
/** The one dialog a row's menu has open, kept outside the menu so closing the menu keeps it. */
export type RowDialog = { kind: "edit" | "rotate" | "decommission"; device: Device } | null;

export type DeviceRowMenuProps = {
  device: Device;
  actions: DeviceActions;
  open: (dialog: NonNullable<RowDialog>) => void;
};

const loadDropdown = () => import("./device-row-dropdown");
const DeviceRowDropdown = lazy(loadDropdown);

/** A row's menu trigger, the same before and after its menu has loaded. */
export function RowActionsButton({ device, ...props }: ComponentProps<typeof Button> & { device: Device }) {
  return (
    <Button
      variant="ghost"
      size="icon"
      className="size-8"
      aria-label={`Actions for ${device.name}`}
      {...props}
    >
      <MoreHorizontal />
    </Button>
  );
}

/**
 * A row's menu: only the entries the role may use, none for a decommissioned device but none to
 * do. Its dropdown loads on the first click (see `FirstUse`), not with the table.
 */
export function DeviceRowMenu(props: DeviceRowMenuProps) {
  return (
    <FirstUse
      preload={loadDropdown}
      trigger={(wake) => (
        <RowActionsButton device={props.device} aria-haspopup="menu" aria-expanded={false} {...wake} />
      )}
    >
      <DeviceRowDropdown {...props} />
    </FirstUse>
  );
}
