"use client";

import { signOut } from "next-auth/react";

/** Posts to next-auth's sign-out (with its CSRF token), which revokes the session row. */
export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: "/sign-in" })}
      className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-sm shadow-sm hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800"
    >
      Sign out
    </button>
  );
}
