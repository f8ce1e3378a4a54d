import { type ThemePreference, themePreferences } from "@revolv/ui/theme-preference";

/** The user's choice lives in a cookie, so the server renders <html> with the right class. */
export const themeCookie = "theme";

export function parseThemePreference(value: string | undefined): ThemePreference {
  return themePreferences.includes(value as ThemePreference) ? (value as ThemePreference) : "system";
}

/**
 * Runs before first paint (inline in <head>): "system" can only be resolved in the browser,
 * and without this a dark-OS user would see a light flash on every load.
 */
export const themeBootScript = `(function(){try{var m=document.cookie.match(/(?:^|; )${themeCookie}=(light|dark|system)/);var p=m?m[1]:"system";var d=p==="dark"||(p==="system"&&matchMedia("(prefers-color-scheme: dark)").matches);var e=document.documentElement;e.classList.toggle("dark",d);e.style.colorScheme=d?"dark":"light"}catch(_){}})()`;
