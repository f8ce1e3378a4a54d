import { CalendarClock } from "lucide-react";
import { useId, useState } from "react";
import { cn } from "../cn";
import { Button } from "../primitives/button";
import { Input } from "../primitives/input";
import { Label } from "../primitives/label";
import { Popover, PopoverContent, PopoverTrigger } from "../primitives/popover";
import { Tooltip, TooltipContent, TooltipTrigger } from "../primitives/tooltip";
import { fromZonedInput, toZonedInput } from "./time-zone";

export const timeRangePresets = {
  "1h": 3_600_000,
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
  "30d": 30 * 86_400_000,
} as const;
export type TimeRangePreset = keyof typeof timeRangePresets;
/** What the URL keeps: a preset (relative to now, so a shared link stays live) or fixed instants. */
export type TimeRange = { preset: TimeRangePreset } | { preset: "custom"; from: Date; to: Date };

export function resolveTimeRange(range: TimeRange, now: Date): { from: Date; to: Date } {
  if (range.preset === "custom") return { from: range.from, to: range.to };
  return { from: new Date(now.getTime() - timeRangePresets[range.preset]), to: now };
}

function formatIn(date: Date, timeZone: string) {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}

/**
 * Picks the window of a chart or list: presets or a custom range, shown in the user's time
 * zone; hovering or focusing the range shows it in UTC, the zone of logs and support tickets.
 */
export function TimeRangePicker({
  value,
  onValueChange,
  timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone,
  now = new Date(),
}: {
  value: TimeRange;
  onValueChange: (value: TimeRange) => void;
  timeZone?: string;
  now?: Date;
}) {
  const { from, to } = resolveTimeRange(value, now);
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState({ from: toZonedInput(from, timeZone), to: toZonedInput(to, timeZone) });
  const fromId = useId();
  const toId = useId();
  const draftFrom = fromZonedInput(draft.from, timeZone);
  const draftTo = fromZonedInput(draft.to, timeZone);
  const draftError =
    !draftFrom || !draftTo
      ? "Enter both dates"
      : draftFrom >= draftTo
        ? "The start must be before the end"
        : null;

  return (
    <div data-slot="time-range-picker" className="flex flex-wrap items-center gap-2">
      <fieldset className="inline-flex rounded-md border p-0.5">
        <legend className="sr-only">Time range</legend>
        {(Object.keys(timeRangePresets) as TimeRangePreset[]).map((preset) => (
          <Button
            key={preset}
            type="button"
            size="sm"
            variant="ghost"
            aria-pressed={value.preset === preset}
            className={cn("h-7 px-2.5", value.preset === preset && "bg-accent text-accent-foreground")}
            onClick={() => onValueChange({ preset })}
          >
            {preset}
          </Button>
        ))}
        <Popover
          open={open}
          onOpenChange={(next) => {
            if (next) setDraft({ from: toZonedInput(from, timeZone), to: toZonedInput(to, timeZone) });
            setOpen(next);
          }}
        >
          <PopoverTrigger asChild>
            <Button
              type="button"
              size="sm"
              variant="ghost"
              aria-pressed={value.preset === "custom"}
              className={cn("h-7 px-2.5", value.preset === "custom" && "bg-accent text-accent-foreground")}
            >
              <CalendarClock /> Custom
            </Button>
          </PopoverTrigger>
          <PopoverContent align="start" className="grid w-80 gap-3" aria-label="Custom time range">
            <div className="grid gap-1.5">
              <Label htmlFor={fromId}>From ({timeZone})</Label>
              <Input
                id={fromId}
                type="datetime-local"
                value={draft.from}
                onChange={(event) => setDraft({ ...draft, from: event.target.value })}
              />
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor={toId}>To ({timeZone})</Label>
              <Input
                id={toId}
                type="datetime-local"
                value={draft.to}
                onChange={(event) => setDraft({ ...draft, to: event.target.value })}
              />
            </div>
            {draftError ? (
              <p className="text-sm text-destructive" role="alert">
                {draftError}
              </p>
            ) : null}
            <Button
              type="button"
              disabled={!!draftError}
              onClick={() => {
                if (!draftFrom || !draftTo) return;
                onValueChange({ preset: "custom", from: draftFrom, to: draftTo });
                setOpen(false);
              }}
            >
              Apply
            </Button>
          </PopoverContent>
        </Popover>
      </fieldset>
      <Tooltip>
        <TooltipTrigger asChild>
          <button
            type="button"
            data-slot="time-range-display"
            className="rounded-sm text-sm text-muted-foreground underline decoration-dotted underline-offset-4 outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
          >
            <time dateTime={from.toISOString()}>{formatIn(from, timeZone)}</time> –{" "}
            <time dateTime={to.toISOString()}>{formatIn(to, timeZone)}</time>{" "}
            <span className="text-xs">({timeZone})</span>
          </button>
        </TooltipTrigger>
        <TooltipContent>
          {formatIn(from, "UTC")} – {formatIn(to, "UTC")} UTC
        </TooltipContent>
      </Tooltip>
    </div>
  );
}
