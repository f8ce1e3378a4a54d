import type { ReactNode } from "react";
import { Sheet, SheetContent, SheetDescription, SheetTitle, SheetTrigger } from "../primitives/sheet";
import { MobileNavButton } from "./mobile-nav-button";

/** The Radix part of the app shell's mobile navigation, loaded on first use and mounted open. */
export default function MobileNavSheet({ children }: { children: ReactNode }) {
  return (
    <Sheet defaultOpen>
      <SheetTrigger asChild>
        <MobileNavButton />
      </SheetTrigger>
      <SheetContent side="left" className="w-64 bg-sidebar p-0 text-sidebar-foreground">
        <SheetTitle className="sr-only">Navigation</SheetTitle>
        <SheetDescription className="sr-only">Pages of the device manager</SheetDescription>
        {children}
      </SheetContent>
    </Sheet>
  );
}
