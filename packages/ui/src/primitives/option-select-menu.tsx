import type { OptionSelectProps } from "./option-select";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "./select";

/** The Radix part of `OptionSelect`, loaded on first use and mounted open. */
export default function OptionSelectMenu({
  value,
  onValueChange,
  options,
  size,
  className,
  disabled,
  ...named
}: OptionSelectProps) {
  return (
    <Select defaultOpen value={value} onValueChange={onValueChange} disabled={disabled}>
      <SelectTrigger size={size} className={className} {...named}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {options.map((option) => (
          <SelectItem key={option.value} value={option.value}>
            {option.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
