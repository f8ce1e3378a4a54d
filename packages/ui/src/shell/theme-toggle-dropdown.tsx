import { Monitor, Moon, Sun } from "lucide-react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuTrigger,
} from "../primitives/dropdown-menu";
import { type ThemePreference, themeLabels, themePreferences } from "./theme-preference";
import { ThemeToggleButton } from "./theme-toggle-button";

/** The Radix part of `ThemeToggle`, loaded on first use and mounted open. */
export default function ThemeToggleDropdown({
  value,
  onValueChange,
}: {
  value: ThemePreference;
  onValueChange: (value: ThemePreference) => void;
}) {
  return (
    <DropdownMenu defaultOpen>
      <DropdownMenuTrigger asChild>
        <ThemeToggleButton value={value} />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuRadioGroup
          value={value}
          onValueChange={(next) => onValueChange(next as ThemePreference)}
        >
          {themePreferences.map((preference) => (
            <DropdownMenuRadioItem key={preference} value={preference}>
              {preference === "light" ? <Sun /> : preference === "dark" ? <Moon /> : <Monitor />}
              {themeLabels[preference]}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
