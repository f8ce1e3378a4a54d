"use client";

import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@revolv/ui/alert-dialog";
import { useState } from "react";

type Disabling = { id: string; username: string };

/**
 * Asks before disabling a user, since every session of theirs ends at once. One dialog for the
 * whole table, loaded with the first Disable click (users-table.tsx), not with the page.
 */
export function DisableUserDialog({
  user,
  onOpenChange,
  onDisable,
}: {
  user: Disabling | null;
  onOpenChange: (open: boolean) => void;
  onDisable: (id: string) => void;
}) {
  // The name stays through the closing animation, after `user` has gone back to null.
  const [shown, setShown] = useState(user);
  if (user !== null && user !== shown) setShown(user);
  return (
    <AlertDialog open={user !== null} onOpenChange={onOpenChange}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Disable {shown?.username}?</AlertDialogTitle>
          <AlertDialogDescription>
            Every session of {shown?.username} ends at once and they cannot sign in until enabled again.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction onClick={() => shown && onDisable(shown.id)}>Disable</AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
