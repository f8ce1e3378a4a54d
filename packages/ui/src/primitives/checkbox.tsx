"use client";

import { type ComponentProps, useCallback } from "react";
import { cn } from "../cn";

type CheckboxProps = Omit<ComponentProps<"input">, "type" | "checked" | "onChange"> & {
  /** `"indeterminate"` shows the mixed state (a partly selected page), as Radix's checkbox did. */
  checked?: boolean | "indeterminate";
  onCheckedChange?: (checked: boolean) => void;
};

/**
 * A native checkbox styled like the design system's other controls: the browser gives it its
 * role, keyboard, form and label behaviour, and the mixed state through `indeterminate`, with
 * no script to download (styles.css draws the mark).
 */
export function Checkbox({ className, checked, onCheckedChange, ref, ...props }: CheckboxProps) {
  const indeterminate = checked === "indeterminate";
  // `indeterminate` is a DOM property with no HTML attribute, so it is set on the element.
  const setIndeterminate = useCallback(
    (input: HTMLInputElement | null) => {
      if (input) input.indeterminate = indeterminate;
      if (typeof ref === "function") ref(input);
      else if (ref) ref.current = input;
    },
    [indeterminate, ref],
  );
  return (
    <input
      type="checkbox"
      data-slot="checkbox"
      ref={setIndeterminate}
      {...(checked === undefined ? {} : { checked: checked === true })}
      onChange={onCheckedChange ? (event) => onCheckedChange(event.target.checked) : undefined}
      className={cn(
        "peer relative size-4 shrink-0 cursor-pointer appearance-none rounded-[4px] border border-input shadow-xs outline-none transition-shadow checked:border-primary checked:bg-primary indeterminate:border-primary indeterminate:bg-primary focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:cursor-not-allowed disabled:opacity-60 aria-invalid:border-destructive dark:bg-input/20 dark:checked:bg-primary dark:indeterminate:bg-primary",
        className,
      )}
      {...props}
    />
  );
}
