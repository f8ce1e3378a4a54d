import { ArrowDownRight, ArrowUpRight, Minus } from "lucide-react";
import type { ElementType, ReactNode } from "react";
import { cn } from "../cn";
import { Card } from "../primitives/card";
import { Skeleton } from "../primitives/skeleton";
import { Sparkline } from "./sparkline";

export type KpiDelta = {
  /** Change against the previous period, as a fraction (0.12 = +12 %). */
  value: number;
  /** Whether up is good news (devices online) or bad (devices offline). */
  goodWhen: "up" | "down";
  /** "vs. yesterday". */
  period: string;
};

const percent = new Intl.NumberFormat("en", {
  style: "percent",
  maximumFractionDigits: 1,
  signDisplay: "exceptZero",
});

/**
 * One fleet number, its change and its trend. Every number is a door: `href` links to the list
 * behind it (the filtered device table), `as` takes the app's router link.
 */
export function KpiCard({
  title,
  value,
  unit,
  delta,
  trend,
  trendLabel,
  href,
  as: Link = "a",
  loading = false,
  icon,
}: {
  title: string;
  value: ReactNode;
  unit?: string;
  delta?: KpiDelta;
  trend?: readonly (number | null)[];
  trendLabel?: string;
  href?: string;
  as?: ElementType;
  loading?: boolean;
  icon?: ReactNode;
}) {
  const direction = !delta || delta.value === 0 ? "flat" : delta.value > 0 ? "up" : "down";
  const good = delta && direction !== "flat" ? direction === delta.goodWhen : undefined;
  const DeltaIcon = direction === "up" ? ArrowUpRight : direction === "down" ? ArrowDownRight : Minus;
  const body = (
    <>
      <div className="flex items-center justify-between gap-2 text-sm text-muted-foreground">
        <span className="font-medium">{title}</span>
        {icon}
      </div>
      {loading ? (
        <div className="grid gap-2" aria-hidden>
          <Skeleton className="h-8 w-24" />
          <Skeleton className="h-4 w-32" />
        </div>
      ) : (
        <>
          <div className="flex items-baseline gap-1">
            <span className="text-3xl font-semibold tabular-nums tracking-tight">{value}</span>
            {unit ? <span className="text-sm text-muted-foreground">{unit}</span> : null}
          </div>
          {delta ? (
            <p
              className={cn(
                "flex items-center gap-1 text-xs",
                good === true && "text-success",
                good === false && "text-destructive",
                good === undefined && "text-muted-foreground",
              )}
              data-good={good}
            >
              <DeltaIcon className="size-3.5" aria-hidden />
              <span>
                {percent.format(delta.value)} {delta.period}
              </span>
            </p>
          ) : null}
        </>
      )}
      {trend && !loading ? <Sparkline values={trend} label={trendLabel ?? `${title} trend`} /> : null}
    </>
  );
  return (
    <Card
      data-slot="kpi-card"
      aria-busy={loading || undefined}
      className={cn(
        "relative gap-2 px-5 py-4",
        href && "transition-colors hover:bg-accent/40 focus-within:ring-[3px] focus-within:ring-ring/50",
      )}
    >
      {href ? (
        <Link href={href} className="grid gap-2 outline-none after:absolute after:inset-0 after:content-['']">
          {body}
        </Link>
      ) : (
        body
      )}
    </Card>
  );
}
