import { CheckIcon, ChevronsUpDown } from "lucide-react";
import { useEffect, useState } from "react";
import { cn } from "../cn";
import { Button } from "../primitives/button";
import { Popover, PopoverContent, PopoverTrigger } from "../primitives/popover";
import { Command, CommandGroup, CommandInput, CommandItem, CommandList } from "./command";

export type ComboboxOption = { value: string; label: string; description?: string };

/**
 * Choose one of many things the server knows (a site, a device): each keystroke asks `search`,
 * and only the answer to the latest query is shown, however the answers arrive.
 */
export function Combobox({
  id,
  value,
  onValueChange,
  search,
  placeholder = "Choose…",
  searchPlaceholder = "Search…",
  emptyText = "Nothing matches.",
  className,
  ...aria
}: {
  id?: string;
  value: ComboboxOption | null;
  onValueChange: (value: ComboboxOption | null) => void;
  search: (query: string, signal: AbortSignal) => Promise<ComboboxOption[]>;
  placeholder?: string;
  searchPlaceholder?: string;
  emptyText?: string;
  className?: string;
  "aria-label"?: string;
  "aria-labelledby"?: string;
  "aria-invalid"?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<{ query: string; options: ComboboxOption[] } | null>(null);

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    search(query, controller.signal).then(
      (options) => !controller.signal.aborted && setResults({ query, options }),
      () => !controller.signal.aborted && setResults({ query, options: [] }),
    );
    return () => controller.abort();
  }, [open, query, search]);

  const loading = !results || results.query !== query;
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button
          id={id}
          variant="outline"
          role="combobox"
          aria-expanded={open}
          className={cn("w-64 justify-between font-normal", !value && "text-muted-foreground", className)}
          {...aria}
        >
          <span className="truncate">{value?.label ?? placeholder}</span>
          <ChevronsUpDown className="opacity-60" />
        </Button>
      </PopoverTrigger>
      <PopoverContent
        className="w-(--radix-popover-trigger-width) min-w-64 p-0"
        align="start"
        aria-label={searchPlaceholder}
      >
        {/* cmdk names its input through `label`; an aria-label on the input would be overridden. */}
        <Command shouldFilter={false} label={searchPlaceholder}>
          <CommandInput placeholder={searchPlaceholder} value={query} onValueChange={setQuery} />
          {loading ? (
            <p role="status" className="py-6 text-center text-sm text-muted-foreground">
              Searching…
            </p>
          ) : results.options.length === 0 ? (
            // Outside the listbox: a listbox may hold only options (axe aria-required-children).
            <p role="status" className="py-6 text-center text-sm">
              {emptyText}
            </p>
          ) : null}
          {/* Always present (hidden when empty): the input's aria-controls points at it. */}
          <CommandList hidden={loading || results.options.length === 0}>
            <CommandGroup>
              {(loading ? [] : results.options).map((option) => (
                <CommandItem
                  key={option.value}
                  value={option.value}
                  onSelect={() => {
                    onValueChange(option.value === value?.value ? null : option);
                    setOpen(false);
                  }}
                >
                  <CheckIcon className={cn(option.value === value?.value ? "opacity-100" : "opacity-0")} />
                  <span className="flex flex-col">
                    <span>{option.label}</span>
                    {option.description ? (
                      <span className="text-xs text-muted-foreground">{option.description}</span>
                    ) : null}
                  </span>
                </CommandItem>
              ))}
            </CommandGroup>
          </CommandList>
        </Command>
      </PopoverContent>
    </Popover>
  );
}
