import { Menu } from "lucide-react";
import type { ComponentProps } from "react";
import { Button } from "../primitives/button";

/** Opens the navigation sheet below `md`; the same before and after the sheet has loaded. */
export function MobileNavButton(props: ComponentProps<typeof Button>) {
  return (
    <Button variant="ghost" size="icon" className="md:hidden" aria-label="Open navigation" {...props}>
      <Menu />
    </Button>
  );
}
