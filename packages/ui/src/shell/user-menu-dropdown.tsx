import { LogOut, Settings, UserRound } from "lucide-react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "../primitives/dropdown-menu";
import type { UserMenuProps } from "./user-menu";
import { UserMenuButton } from "./user-menu-button";

/** The Radix part of `UserMenu`, loaded on first use and mounted open. */
export default function UserMenuDropdown({
  name,
  email,
  roleName,
  onProfile,
  onSettings,
  onSignOut,
}: UserMenuProps) {
  return (
    <DropdownMenu defaultOpen>
      <DropdownMenuTrigger asChild>
        <UserMenuButton name={name} />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-60">
        <DropdownMenuLabel className="flex flex-col gap-0.5">
          <span className="truncate">{name}</span>
          <span className="truncate text-xs font-normal text-muted-foreground">{email}</span>
          {roleName ? <span className="text-xs font-normal text-muted-foreground">{roleName}</span> : null}
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        {onProfile ? (
          <DropdownMenuItem onSelect={onProfile}>
            <UserRound /> Profile
          </DropdownMenuItem>
        ) : null}
        {onSettings ? (
          <DropdownMenuItem onSelect={onSettings}>
            <Settings /> Settings
          </DropdownMenuItem>
        ) : null}
        <DropdownMenuItem onSelect={onSignOut}>
          <LogOut /> Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
