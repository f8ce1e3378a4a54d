"use client";

import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@revolv/ui/dropdown-menu";
import { Archive, KeyRound, Pencil } from "lucide-react";
import { type DeviceRowMenuProps, RowActionsButton } from "./device-row-actions";

/** The Radix part of `DeviceRowMenu`, loaded on first use and mounted open. */
export default function DeviceRowDropdown({ device, actions, open }: DeviceRowMenuProps) {
  const retired = device.status === "decommissioned";
  return (
    <DropdownMenu modal={false} defaultOpen>
      <DropdownMenuTrigger asChild>
        <RowActionsButton device={device} />
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
