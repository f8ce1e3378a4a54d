import { Monitor, Moon, Sun } from "lucide-react";
import { Button } from "../primitives/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuTrigger,
} from "../primitives/dropdown-menu";

export const themePreferences = ["light", "dark", "system"] as const;
export type ThemePreference = (typeof themePreferences)[number];

/** Puts the resolved theme on <html>; the app calls it on change and before first paint. */
export function applyTheme(preference: ThemePreference, prefersDark: boolean): "light" | "dark" {
  const resolved = preference === "system" ? (prefersDark ? "dark" : "light") : preference;
  document.documentElement.classList.toggle("dark", resolved === "dark");
  document.documentElement.style.colorScheme = resolved;
  return resolved;
}

const labels: Record<ThemePreference, string> = { light: "Light", dark: "Dark", system: "System" };

/**
 * Controlled: the app owns the preference (a cookie, so the server renders the right class and
 * nothing flashes) and calls `applyTheme`.
 */
export function ThemeToggle({
  value,
  onValueChange,
}: {
  value: ThemePreference;
  onValueChange: (value: ThemePreference) => void;
}) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" aria-label={`Theme: ${labels[value]}`} data-slot="theme-toggle">
          <Sun className="dark:hidden" />
          <Moon className="hidden dark:block" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuRadioGroup
          value={value}
          onValueChange={(next) => onValueChange(next as ThemePreference)}
        >
          {themePreferences.map((preference) => (
            <DropdownMenuRadioItem key={preference} value={preference}>
              {preference === "light" ? <Sun /> : preference === "dark" ? <Moon /> : <Monitor />}
              {labels[preference]}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
