"use client";

import type { AppRouter } from "@revolv/api";
import { Button } from "@revolv/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@revolv/ui/dropdown-menu";
import type { inferRouterOutputs } from "@trpc/server";
import { Archive, KeyRound, MoreHorizontal, Pencil } from "lucide-react";
import type { DeviceActions } from "./device-actions";

export type Device = inferRouterOutputs<AppRouter>["devices"]["get"];
/** The one dialog a row's menu has open, kept outside the menu so closing the menu keeps it. */
export type RowDialog = { kind: "edit" | "rotate" | "decommission"; device: Device } | null;

/** A row's menu: only the entries the role may use, none for a decommissioned device but none to do. */
export function DeviceRowMenu({
  device,
  actions,
  open,
}: {
  device: Device;
  actions: DeviceActions;
  open: (dialog: NonNullable<RowDialog>) => void;
}) {
  const retired = device.status === "decommissioned";
  return (
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" className="size-8" aria-label={`Actions for ${device.name}`}>
          <MoreHorizontal />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        {actions.update ? (
          <DropdownMenuItem disabled={retired} onSelect={() => open({ kind: "edit", device })}>
            <Pencil /> Edit
          </DropdownMenuItem>
        ) : null}
        {actions.rotateCredential ? (
          <DropdownMenuItem disabled={retired} onSelect={() => open({ kind: "rotate", device })}>
            <KeyRound /> Rotate credential
          </DropdownMenuItem>
        ) : null}
        {actions.decommission ? (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuItem
              variant="destructive"
              disabled={retired}
              onSelect={() => open({ kind: "decommission", device })}
            >
              <Archive /> Decommission
            </DropdownMenuItem>
          </>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
