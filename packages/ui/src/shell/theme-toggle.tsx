import { lazy } from "react";
import { FirstUse } from "../primitives/first-use";
import type { ThemePreference } from "./theme-preference";
import { ThemeToggleButton } from "./theme-toggle-button";

export { type ThemePreference, themePreferences } from "./theme-preference";

/** Puts the resolved theme on <html>; the app calls it on change and before first paint. */
export function applyTheme(preference: ThemePreference, prefersDark: boolean): "light" | "dark" {
  const resolved = preference === "system" ? (prefersDark ? "dark" : "light") : preference;
  document.documentElement.classList.toggle("dark", resolved === "dark");
  document.documentElement.style.colorScheme = resolved;
  return resolved;
}

const loadDropdown = () => import("./theme-toggle-dropdown");
const ThemeToggleDropdown = lazy(loadDropdown);

/**
 * Controlled: the app owns the preference (a cookie, so the server renders the right class and
 * nothing flashes) and calls `applyTheme`. The menu loads on first use (see `FirstUse`): the
 * toggle is on every page.
 */
export function ThemeToggle({
  value,
  onValueChange,
}: {
  value: ThemePreference;
  onValueChange: (value: ThemePreference) => void;
}) {
  return (
    <FirstUse
      preload={loadDropdown}
      trigger={(wake) => (
        <ThemeToggleButton value={value} aria-haspopup="menu" aria-expanded={false} {...wake} />
      )}
    >
      <ThemeToggleDropdown value={value} onValueChange={onValueChange} />
    </FirstUse>
  );
}
