import type { ReactNode } from "react";
import { Tooltip, TooltipContent, TooltipTrigger } from "../primitives/tooltip";

/** A collapsed sidebar link's name beside it; loaded once the sidebar is collapsed. */
export default function NavItemTooltip({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Tooltip>
      <TooltipTrigger asChild>{children}</TooltipTrigger>
      <TooltipContent side="right">{label}</TooltipContent>
    </Tooltip>
  );
}
