import type { Meta, StoryObj } from "@storybook/react-vite";
import { Bell, Cpu, Gauge, LayoutDashboard, Settings, Users } from "lucide-react";
import { useState } from "react";
import { expect, fn } from "storybook/test";
import { Badge } from "../primitives/badge";
import {
  Breadcrumb,
  BreadcrumbItem,
  BreadcrumbLink,
  BreadcrumbList,
  BreadcrumbPage,
  BreadcrumbSeparator,
} from "../primitives/breadcrumb";
import { Card, CardContent, CardHeader, CardTitle } from "../primitives/card";
import {
  AppShell,
  SidebarFooter,
  SidebarHeader,
  SidebarLabel,
  SidebarNav,
  SidebarNavItem,
} from "./app-shell";
import { type ThemePreference, ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

function Demo({
  defaultCollapsed,
  onCollapsedChange,
}: {
  defaultCollapsed?: boolean;
  onCollapsedChange?: (c: boolean) => void;
}) {
  const [theme, setTheme] = useState<ThemePreference>("system");
  return (
    <AppShell
      defaultCollapsed={defaultCollapsed}
      onCollapsedChange={onCollapsedChange}
      sidebar={
        <>
          <SidebarHeader>
            <Gauge className="size-5 shrink-0 text-sidebar-primary" aria-hidden />
            <SidebarLabel>
              <span className="font-semibold">Revolv</span>
            </SidebarLabel>
          </SidebarHeader>
          <SidebarNav>
            <SidebarNavItem href="#overview" icon={<LayoutDashboard />} label="Overview" />
            <SidebarNavItem href="#devices" icon={<Cpu />} label="Devices" active />
            <SidebarNavItem
              href="#alarms"
              icon={<Bell />}
              label="Alarms"
              badge={<Badge variant="destructive">12</Badge>}
            />
            <SidebarNavItem href="#people" icon={<Users />} label="People" />
          </SidebarNav>
          <SidebarFooter>
            <SidebarNavItem href="#settings" icon={<Settings />} label="Settings" />
          </SidebarFooter>
        </>
      }
      header={
        <>
          <Breadcrumb className="flex-1">
            <BreadcrumbList>
              <BreadcrumbItem>
                <BreadcrumbLink href="#devices">Devices</BreadcrumbLink>
              </BreadcrumbItem>
              <BreadcrumbSeparator />
              <BreadcrumbItem>
                <BreadcrumbPage>RVM-00042</BreadcrumbPage>
              </BreadcrumbItem>
            </BreadcrumbList>
          </Breadcrumb>
          <ThemeToggle value={theme} onValueChange={setTheme} />
          <UserMenu name="Ada Lovelace" email="ada@revolv.local" roleName="Operator" onSignOut={() => {}} />
        </>
      }
    >
      <h1 className="mb-4 text-2xl font-semibold">Lobby RVM</h1>
      <div className="grid gap-4 md:grid-cols-3">
        {["Bin fill", "Temperature", "Last seen"].map((title) => (
          <Card key={title}>
            <CardHeader>
              <CardTitle>{title}</CardTitle>
            </CardHeader>
            <CardContent className="text-sm text-muted-foreground">…</CardContent>
          </Card>
        ))}
      </div>
    </AppShell>
  );
}

const meta = {
  title: "Shell/App shell",
  component: Demo,
  parameters: { layout: "fullscreen" },
  args: { onCollapsedChange: fn() },
} satisfies Meta<typeof Demo>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Expanded: Story = { tags: ["screenshot"] };
export const Collapsed: Story = { tags: ["screenshot"], args: { defaultCollapsed: true } };

export const Collapses: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(canvas.getByRole("button", { name: "Collapse sidebar" }));
    await expect(args.onCollapsedChange).toHaveBeenCalledWith(true);
    // Icons only now: each link still names itself.
    await expect(canvas.getAllByRole("link", { name: "Devices" })[0]).toHaveAttribute("aria-current", "page");
    await expect(canvas.getByRole("button", { name: "Expand sidebar" })).toHaveAttribute(
      "aria-expanded",
      "false",
    );
  },
};
