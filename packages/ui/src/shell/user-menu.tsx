import { LogOut, Settings, UserRound } from "lucide-react";
import { Avatar, AvatarFallback, AvatarImage, initialsOf } from "../primitives/avatar";
import { Button } from "../primitives/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "../primitives/dropdown-menu";

export type UserMenuProps = {
  name: string;
  email: string;
  /** The role's display name, e.g. "Operator". */
  roleName?: string;
  imageUrl?: string;
  onProfile?: () => void;
  onSettings?: () => void;
  onSignOut: () => void;
};

export function UserMenu({
  name,
  email,
  roleName,
  imageUrl,
  onProfile,
  onSettings,
  onSignOut,
}: UserMenuProps) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" className="rounded-full">
          <span className="sr-only">Account: {name}</span>
          <Avatar aria-hidden>
            {imageUrl ? <AvatarImage src={imageUrl} alt="" /> : null}
            <AvatarFallback>{initialsOf(name)}</AvatarFallback>
          </Avatar>
        </Button>
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
