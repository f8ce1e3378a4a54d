import { ChevronDownIcon } from "lucide-react";
import { type ComponentProps, lazy, type ReactNode } from "react";
import { cn } from "../cn";
import { FirstUse } from "./first-use";
import { selectTriggerClassName } from "./select-trigger-class";

export type SelectOption = { value: string; label: ReactNode };

export type OptionSelectProps = {
  value: string;
  onValueChange: (value: string) => void;
  options: readonly SelectOption[];
  size?: "sm" | "default";
  className?: string;
  disabled?: boolean;
} & Pick<ComponentProps<"button">, "aria-label" | "aria-labelledby" | "id">;

const loadMenu = () => import("./option-select-menu");
const OptionSelectMenu = lazy(loadMenu);

/**
 * A select over a list of options (a table's filter, its page size) whose Radix part — popper,
 * focus and scroll handling — loads on first use (see `FirstUse`), so a page of filters does
 * not ship it with its first load. Until then a plain button with the same look, role and
 * name shows the chosen option. For a select inside a form, use `Select` from `./select`.
 */
export function OptionSelect(props: OptionSelectProps) {
  const { value, options, size = "default", className, disabled, onValueChange: _, ...named } = props;
  return (
    <FirstUse
      preload={loadMenu}
      trigger={(wake) => (
        <button
          type="button"
          role="combobox"
          aria-expanded={false}
          aria-controls={undefined}
          aria-autocomplete="none"
          data-slot="select-trigger"
          data-size={size}
          disabled={disabled}
          className={cn(selectTriggerClassName, className)}
          {...named}
          {...wake}
        >
          <span data-slot="select-value" style={{ pointerEvents: "none" }}>
            {options.find((option) => option.value === value)?.label}
          </span>
          <ChevronDownIcon className="size-4 opacity-70" aria-hidden />
        </button>
      )}
    >
      <OptionSelectMenu {...props} />
    </FirstUse>
  );
}
