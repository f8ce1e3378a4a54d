import { createCaller } from "@revolv/api";
import { LazyToaster } from "@revolv/ui/lazy-toaster";
import { cookies } from "next/headers";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import type { ReactNode } from "react";
import { parseThemePreference, themeCookie } from "~/theme/theme-preference";
import { TRPCReactProvider } from "~/trpc/react";
import { getRequestContext } from "~/trpc/server";
import { navigationFor } from "../_shell/navigation";
import { StaffShell } from "../_shell/staff-shell";

/** The frame of every signed-in page: sidebar filtered by the caller's role, header, content. */
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const context = await getRequestContext();
  // Signed out: the page itself redirects to sign-in with its own address as callbackUrl.
  if (!context.principal) return <StaffProviders>{children}</StaffProviders>;
  const user = await createCaller(context).users.me();
  const theme = parseThemePreference((await cookies()).get(themeCookie)?.value);
  return (
    <StaffProviders>
      <StaffShell entries={navigationFor(user.role)} user={user} theme={theme}>
        {children}
      </StaffShell>
    </StaffProviders>
  );
}

/** What only the signed-in pages use, kept out of the sign-in page's scripts. */
function StaffProviders({ children }: { children: ReactNode }) {
  return (
    <NuqsAdapter>
      <TRPCReactProvider>{children}</TRPCReactProvider>
      <LazyToaster />
    </NuqsAdapter>
  );
}
