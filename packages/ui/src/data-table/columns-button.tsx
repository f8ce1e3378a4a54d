import { Settings2 } from "lucide-react";
import type { ComponentProps } from "react";
import { Button } from "../primitives/button";

/** The column menu's trigger, the same before and after the menu has loaded. */
export function ColumnsButton(props: ComponentProps<typeof Button>) {
  return (
    <Button variant="outline" size="sm" className="ml-auto" {...props}>
      <Settings2 /> Columns
    </Button>
  );
}
