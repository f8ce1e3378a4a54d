import { Moon, Sun } from "lucide-react";
import type { ComponentProps } from "react";
import { Button } from "../primitives/button";
import { type ThemePreference, themeLabels } from "./theme-preference";

/** The theme menu's trigger, the same before and after its menu has loaded. */
export function ThemeToggleButton({
  value,
  ...props
}: Omit<ComponentProps<typeof Button>, "value"> & { value: ThemePreference }) {
  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label={`Theme: ${themeLabels[value]}`}
      data-slot="theme-toggle"
      {...props}
    >
      <Sun className="dark:hidden" />
      <Moon className="hidden dark:block" />
    </Button>
  );
}
