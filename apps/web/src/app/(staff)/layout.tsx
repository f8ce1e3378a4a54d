import { createCaller } from "@revolv/api";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { parseThemePreference, themeCookie } from "~/theme/theme-preference";
import { getRequestContext } from "~/trpc/server";
import { navigationFor } from "../_shell/navigation";
import { StaffShell } from "../_shell/staff-shell";

/** The frame of every signed-in page: sidebar filtered by the caller's role, header, content. */
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const context = await getRequestContext();
  // Signed out: the page itself redirects to sign-in with its own address as callbackUrl.
  if (!context.principal) return children;
  const user = await createCaller(context).users.me();
  const theme = parseThemePreference((await cookies()).get(themeCookie)?.value);
  return (
    <StaffShell entries={navigationFor(user.role)} user={user} theme={theme}>
      {children}
    </StaffShell>
  );
}
