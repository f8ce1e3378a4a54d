"use client";

import {
  AppShell,
  SidebarFooter,
  SidebarHeader,
  SidebarLabel,
  SidebarNav,
  SidebarNavItem,
} from "@revolv/ui/app-shell";
import { applyTheme, type ThemePreference, ThemeToggle } from "@revolv/ui/theme-toggle";
import { UserMenu } from "@revolv/ui/user-menu";
import {
  BellRing,
  CircleUser,
  Cpu,
  LayoutDashboard,
  Recycle,
  ScrollText,
  Users,
  Workflow,
} from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";
import { themeCookie } from "~/theme/theme-preference";
import { AlarmBadge } from "./alarm-badge";
import type { NavigationEntry, NavigationIcon } from "./navigation";
import { signOut } from "./sign-out";
import { StaffCommandPalette } from "./staff-command-palette";

const icons: Record<NavigationIcon, ReactNode> = {
  overview: <LayoutDashboard />,
  devices: <Cpu />,
  alarms: <BellRing />,
  users: <Users />,
  pipeline: <Workflow />,
  audit: <ScrollText />,
  account: <CircleUser />,
};

const roleNames = { admin: "Admin", supervisor: "Supervisor", technician: "Technician", viewer: "Viewer" };

function isActive(pathname: string, href: string) {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

export function StaffShell({
  entries,
  user,
  theme: initialTheme,
  children,
}: {
  entries: NavigationEntry[];
  user: { username: string; email: string; role: keyof typeof roleNames };
  theme: ThemePreference;
  children: ReactNode;
}) {
  const pathname = usePathname();
  const router = useRouter();
  const [theme, setTheme] = useState(initialTheme);
  const changeTheme = (next: ThemePreference) => {
    setTheme(next);
    // A year; read by the server (root layout) and by the boot script before first paint.
    // biome-ignore lint/suspicious/noDocumentCookie: a constant name and a known value; the Cookie Store API is not in every browser staff use
    document.cookie = `${themeCookie}=${next}; path=/; max-age=31536000; samesite=lax`;
    applyTheme(next, window.matchMedia("(prefers-color-scheme: dark)").matches);
  };

  return (
    <AppShell
      sidebar={
        <>
          <SidebarHeader>
            <Recycle className="size-5 shrink-0 text-primary" aria-hidden />
            <SidebarLabel>
              <span className="font-semibold">Revolv</span>
            </SidebarLabel>
          </SidebarHeader>
          <SidebarNav>
            {entries.map((entry) => (
              <SidebarNavItem
                key={entry.href}
                as={Link}
                href={entry.href}
                icon={icons[entry.icon]}
                label={entry.label}
                active={isActive(pathname, entry.href)}
                badge={entry.href === "/alarms" ? <AlarmBadge /> : undefined}
              />
            ))}
          </SidebarNav>
          <SidebarFooter>
            <SidebarLabel>
              <span className="px-2 text-muted-foreground text-xs">Device Manager</span>
            </SidebarLabel>
          </SidebarFooter>
        </>
      }
      header={
        <div className="ml-auto flex items-center gap-1">
          <StaffCommandPalette entries={entries} icons={icons} />
          <ThemeToggle value={theme} onValueChange={changeTheme} />
          <UserMenu
            name={user.username}
            email={user.email}
            roleName={roleNames[user.role]}
            onProfile={() => router.push("/account")}
            onSignOut={() => void signOut()}
          />
        </div>
      }
    >
      {children}
    </AppShell>
  );
}
