import type { Column } from "@tanstack/react-table";
import { PlusCircle } from "lucide-react";
import { Badge } from "../primitives/badge";
import { Button } from "../primitives/button";
import { Checkbox } from "../primitives/checkbox";
import { Label } from "../primitives/label";
import { Popover, PopoverContent, PopoverTrigger } from "../primitives/popover";

export type FacetOption = {
  value: string;
  label: string;
  /** How many rows have this value under the other filters, as the server counted them. */
  count?: number;
};

/** A multi-value filter on one column; the filter value is the array of chosen values. */
export function DataTableFacetedFilter<TData>({
  column,
  title,
  options,
}: {
  column: Column<TData, unknown>;
  title: string;
  options: FacetOption[];
}) {
  const chosen = new Set((column.getFilterValue() as string[] | undefined) ?? []);
  const toggle = (value: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(value);
    else next.delete(value);
    column.setFilterValue(next.size > 0 ? [...next] : undefined);
  };
  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button variant="outline" size="sm" className="border-dashed">
          <PlusCircle />
          {title}
          {chosen.size > 0 ? (
            <Badge variant="secondary" className="rounded-sm px-1 font-normal">
              {chosen.size === 1
                ? options.find((o) => chosen.has(o.value))?.label
                : `${chosen.size} selected`}
            </Badge>
          ) : null}
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-56 p-2" align="start" aria-label={`Filter by ${title.toLowerCase()}`}>
        <fieldset className="grid gap-1">
          <legend className="sr-only">{title}</legend>
          {options.map((option) => {
            const id = `facet-${column.id}-${option.value}`;
            return (
              <div
                key={option.value}
                className="flex items-center gap-2 rounded-sm px-2 py-1.5 hover:bg-accent"
              >
                <Checkbox
                  id={id}
                  checked={chosen.has(option.value)}
                  onCheckedChange={(on) => toggle(option.value, on === true)}
                />
                <Label htmlFor={id} className="flex-1 font-normal">
                  {option.label}
                </Label>
                {option.count !== undefined ? (
                  <span className="font-mono text-xs text-muted-foreground">{option.count}</span>
                ) : null}
              </div>
            );
          })}
          {chosen.size > 0 ? (
            <Button
              variant="ghost"
              size="sm"
              className="mt-1"
              onClick={() => column.setFilterValue(undefined)}
            >
              Clear filter
            </Button>
          ) : null}
        </fieldset>
      </PopoverContent>
    </Popover>
  );
}
