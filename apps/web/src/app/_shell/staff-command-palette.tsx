"use client";

import { Button } from "@revolv/ui/button";
import { useCommandPaletteShortcut } from "@revolv/ui/command-palette-shortcut";
import { Search } from "lucide-react";
import dynamic from "next/dynamic";
import { type ReactNode, useState } from "react";
import { useOpenedOnce } from "~/app/_components/opened-once";
import type { NavigationEntry } from "./navigation";

/** cmdk and the dialog load on the first Ctrl/Cmd-K or click, not with every page. */
const StaffCommandPaletteDialog = dynamic(() => import("./staff-command-palette-dialog"), { ssr: false });

/** The header's search button and the Ctrl/Cmd-K shortcut; the palette comes when first asked for. */
export function StaffCommandPalette({
  entries,
  icons,
}: {
  entries: NavigationEntry[];
  icons: Record<string, ReactNode>;
}) {
  const [open, setOpen] = useState(false);
  const wanted = useOpenedOnce(open);
  useCommandPaletteShortcut(setOpen);
  return (
    <>
      <Button
        variant="outline"
        size="sm"
        className="text-muted-foreground"
        onClick={() => setOpen(true)}
        aria-keyshortcuts="Control+K Meta+K"
      >
        <Search /> Search <kbd className="ml-2 text-xs">Ctrl K</kbd>
      </Button>
      {wanted ? (
        <StaffCommandPaletteDialog entries={entries} icons={icons} open={open} setOpen={setOpen} />
      ) : null}
    </>
  );
}
