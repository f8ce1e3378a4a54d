import type { ComponentProps } from "react";
import { Avatar, AvatarFallback, initialsOf } from "../primitives/avatar";
import { Button } from "../primitives/button";

/** The user menu's trigger, the same before and after its menu has loaded. */
export function UserMenuButton({ name, ...props }: ComponentProps<typeof Button> & { name: string }) {
  return (
    <Button variant="ghost" size="icon" className="rounded-full" {...props}>
      <span className="sr-only">Account: {name}</span>
      <Avatar aria-hidden>
        <AvatarFallback>{initialsOf(name)}</AvatarFallback>
      </Avatar>
    </Button>
  );
}
