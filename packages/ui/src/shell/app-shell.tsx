import { PanelLeft } from "lucide-react";
import {
  type ComponentProps,
  createContext,
  type ElementType,
  lazy,
  type ReactNode,
  Suspense,
  useContext,
  useState,
} from "react";
import { cn } from "../cn";
import { Button } from "../primitives/button";
import { FirstUse } from "../primitives/first-use";
import { MobileNavButton } from "./mobile-nav-button";

// The sheet (Radix dialog) and the collapsed links' tooltips (Radix popper) are on every page
// but rarely used: each loads when first needed, not with the page.
const loadMobileNavSheet = () => import("./mobile-nav-sheet");
const MobileNavSheet = lazy(loadMobileNavSheet);
const NavItemTooltip = lazy(() => import("./nav-item-tooltip"));

type ShellState = { collapsed: boolean; setCollapsed: (collapsed: boolean) => void };
const ShellContext = createContext<ShellState>({ collapsed: false, setCollapsed: () => {} });
/** Inside the mobile sheet the sidebar always shows labels. */
const InSheetContext = createContext(false);

/**
 * The staff app's frame: a sidebar that collapses to icons (a sheet below `md`), a header and
 * the content. Pass `collapsed`/`onCollapsedChange` to keep the choice (in a cookie, say).
 */
export function AppShell({
  sidebar,
  header,
  children,
  collapsed: collapsedProp,
  defaultCollapsed = false,
  onCollapsedChange,
  className,
}: {
  sidebar: ReactNode;
  header: ReactNode;
  children: ReactNode;
  collapsed?: boolean;
  defaultCollapsed?: boolean;
  onCollapsedChange?: (collapsed: boolean) => void;
  className?: string;
}) {
  const [own, setOwn] = useState(defaultCollapsed);
  const collapsed = collapsedProp ?? own;
  const setCollapsed = (next: boolean) => {
    setOwn(next);
    onCollapsedChange?.(next);
  };
  return (
    <ShellContext.Provider value={{ collapsed, setCollapsed }}>
      <div
        data-slot="app-shell"
        data-collapsed={collapsed}
        className={cn("flex min-h-svh w-full bg-background", className)}
      >
        <aside
          data-slot="app-sidebar"
          className={cn(
            "sticky top-0 hidden h-svh shrink-0 flex-col border-r bg-sidebar text-sidebar-foreground transition-[width] duration-200 md:flex",
            collapsed ? "w-14" : "w-60",
          )}
        >
          {sidebar}
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <header
            data-slot="app-header"
            className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b bg-background/95 px-4 backdrop-blur"
          >
            <MobileNav>{sidebar}</MobileNav>
            <SidebarTrigger />
            {header}
          </header>
          <main data-slot="app-content" className="min-w-0 flex-1 p-4 md:p-6">
            {children}
          </main>
        </div>
      </div>
    </ShellContext.Provider>
  );
}

function MobileNav({ children }: { children: ReactNode }) {
  return (
    <FirstUse
      preload={loadMobileNavSheet}
      trigger={(wake) => <MobileNavButton aria-haspopup="dialog" aria-expanded={false} {...wake} />}
    >
      <MobileNavSheet>
        <InSheetContext.Provider value={true}>
          <div className="flex h-full flex-col">{children}</div>
        </InSheetContext.Provider>
      </MobileNavSheet>
    </FirstUse>
  );
}

export function SidebarTrigger() {
  const { collapsed, setCollapsed } = useContext(ShellContext);
  return (
    <Button
      variant="ghost"
      size="icon"
      className="hidden md:inline-flex"
      aria-label={collapsed ? "Expand sidebar" : "Collapse sidebar"}
      aria-expanded={!collapsed}
      onClick={() => setCollapsed(!collapsed)}
    >
      <PanelLeft />
    </Button>
  );
}

function useShowLabels() {
  const { collapsed } = useContext(ShellContext);
  return useContext(InSheetContext) || !collapsed;
}

export function SidebarHeader({ className, children, ...props }: ComponentProps<"div">) {
  return (
    <div
      data-slot="sidebar-header"
      className={cn(
        "flex h-14 items-center gap-2 overflow-hidden border-b border-sidebar-border px-3",
        className,
      )}
      {...props}
    >
      {children}
    </div>
  );
}

/** Shown only while the sidebar is expanded (a product name beside the logo, say). */
export function SidebarLabel({ children }: { children: ReactNode }) {
  return useShowLabels() ? <span className="truncate">{children}</span> : null;
}

export function SidebarNav({ className, ...props }: ComponentProps<"nav">) {
  return (
    <nav
      aria-label="Main"
      data-slot="sidebar-nav"
      className={cn("flex flex-1 flex-col gap-1 overflow-y-auto p-2", className)}
      {...props}
    />
  );
}

/**
 * One link; `as` takes the app's router link (Next's `Link`). Collapsed, it shows its icon and
 * names itself in a tooltip and to screen readers.
 */
export function SidebarNavItem({
  icon,
  label,
  active = false,
  badge,
  as: Comp = "a",
  className,
  ...props
}: ComponentProps<"a"> & {
  icon: ReactNode;
  label: string;
  active?: boolean;
  badge?: ReactNode;
  as?: ElementType;
}) {
  const showLabels = useShowLabels();
  const link = (
    <Comp
      data-slot="sidebar-nav-item"
      data-active={active}
      aria-current={active ? "page" : undefined}
      aria-label={showLabels ? undefined : label}
      className={cn(
        "flex h-9 items-center gap-3 rounded-md px-2.5 text-sm font-medium outline-none transition-colors hover:bg-sidebar-accent hover:text-sidebar-accent-foreground focus-visible:ring-[3px] focus-visible:ring-sidebar-ring/50 data-[active=true]:bg-sidebar-accent data-[active=true]:text-sidebar-accent-foreground [&_svg]:size-4 [&_svg]:shrink-0",
        className,
      )}
      {...props}
    >
      {icon}
      {showLabels ? <span className="flex-1 truncate">{label}</span> : null}
      {showLabels && badge ? badge : null}
    </Comp>
  );
  if (showLabels) return link;
  // Until the tooltip has loaded the link still names itself (aria-label).
  return (
    <Suspense fallback={link}>
      <NavItemTooltip label={label}>{link}</NavItemTooltip>
    </Suspense>
  );
}

export function SidebarFooter({ className, ...props }: ComponentProps<"div">) {
  return (
    <div
      data-slot="sidebar-footer"
      className={cn("border-t border-sidebar-border p-2", className)}
      {...props}
    />
  );
}
