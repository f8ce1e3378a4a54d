import { lazy } from "react";
import { FirstUse } from "../primitives/first-use";
import { UserMenuButton } from "./user-menu-button";

export type UserMenuProps = {
  name: string;
  email: string;
  /** The role's display name, e.g. "Operator". */
  roleName?: string;
  onProfile?: () => void;
  onSettings?: () => void;
  onSignOut: () => void;
};

const loadDropdown = () => import("./user-menu-dropdown");
const UserMenuDropdown = lazy(loadDropdown);

/**
 * The header's account menu. It sits on every page, so its dropdown (Radix menu and popper)
 * loads on first use (see `FirstUse`) instead of with the page.
 */
export function UserMenu(props: UserMenuProps) {
  return (
    <FirstUse
      preload={loadDropdown}
      trigger={(wake) => (
        <UserMenuButton name={props.name} aria-haspopup="menu" aria-expanded={false} {...wake} />
      )}
    >
      <UserMenuDropdown {...props} />
    </FirstUse>
  );
}
