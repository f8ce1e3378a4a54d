import type { Metadata } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { parseThemePreference, themeBootScript, themeCookie } from "~/theme/theme-preference";
import "./globals.css";

export const metadata: Metadata = {
  title: "Revolv Device Manager",
  description: "Fleet management for reverse vending machines and payment Soundboxes",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const theme = parseThemePreference((await cookies()).get(themeCookie)?.value);
  // "light"/"dark" are rendered by the server; "system" is resolved by the boot script before
  // first paint. The script may change the class React rendered, hence suppressHydrationWarning.
  return (
    <html
      lang="en"
      className={theme === "dark" ? "dark" : undefined}
      style={theme === "system" ? undefined : { colorScheme: theme }}
      suppressHydrationWarning
    >
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script of ours, no user input */}
        <script dangerouslySetInnerHTML={{ __html: themeBootScript }} />
      </head>
      <body className="min-h-screen bg-background text-foreground antialiased">
        {/* The signed-in pages' providers (tRPC, URL state, toasts) live in (staff)/layout.tsx:
            sign-in and invitation pages load none of them. */}
        {children}
      </body>
    </html>
  );
}
