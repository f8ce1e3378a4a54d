/**
 * The theme choices, without React or Radix: the app's server code (root layout, cookie
 * parsing) imports these, and anything it imports that holds a client component (the toggle's
 * menu) would be sent to every page, the sign-in page included.
 */
export const themePreferences = ["light", "dark", "system"] as const;
export type ThemePreference = (typeof themePreferences)[number];

export const themeLabels: Record<ThemePreference, string> = {
  light: "Light",
  dark: "Dark",
  system: "System",
};
