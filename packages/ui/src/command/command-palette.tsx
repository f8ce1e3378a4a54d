import { useCommandState } from "cmdk";
import type { ReactNode } from "react";
import {
  CommandDialog,
  CommandEmpty,
  CommandGroup,
  CommandInput,
  CommandItem,
  CommandList,
  CommandLoading,
  CommandShortcut,
} from "./command";

export type PaletteCommand = {
  id: string;
  label: string;
  icon?: ReactNode;
  /** Other words that should find it ("fleet" for Devices). */
  keywords?: string[];
  shortcut?: string;
  run: () => void;
};
export type PaletteGroup = { heading: string; commands: PaletteCommand[] };

/** Hidden when nothing matches: an empty listbox fails axe (aria-required-children). */
function PaletteList({ children }: { children: ReactNode }) {
  const count = useCommandState((state) => state.filtered.count);
  return <CommandList hidden={count === 0}>{children}</CommandList>;
}

export { useCommandPaletteShortcut } from "./command-palette-shortcut";

/**
 * Go anywhere and do the repeated things by keyboard. The app passes only the commands the
 * user's role may run (the server still checks each call).
 */
export function CommandPalette({
  open,
  onOpenChange,
  groups,
  search,
  onSearchChange,
  loading = false,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  groups: PaletteGroup[];
  /**
   * What is typed, for callers that search a server as well (devices by serial or name): they
   * pass the results back as a group, and `loading` while a search is on its way.
   */
  search?: string;
  onSearchChange?: (search: string) => void;
  loading?: boolean;
}) {
  return (
    <CommandDialog open={open} onOpenChange={onOpenChange}>
      <CommandInput
        placeholder="Type a page, a device or an action…"
        {...(onSearchChange && { value: search ?? "", onValueChange: onSearchChange })}
      />
      {loading ? (
        <CommandLoading>Searching…</CommandLoading>
      ) : (
        <CommandEmpty>No page or action matches.</CommandEmpty>
      )}
      <PaletteList>
        {/* No separators: a listbox may hold only options and groups (axe aria-required-children). */}
        {groups.map((group) => (
          <CommandGroup key={group.heading} heading={group.heading}>
            {group.commands.map((command) => (
              <CommandItem
                key={command.id}
                value={`${command.label} ${command.id}`}
                keywords={command.keywords}
                onSelect={() => {
                  onOpenChange(false);
                  command.run();
                }}
              >
                {command.icon}
                {command.label}
                {command.shortcut ? <CommandShortcut>{command.shortcut}</CommandShortcut> : null}
              </CommandItem>
            ))}
          </CommandGroup>
        ))}
      </PaletteList>
    </CommandDialog>
  );
}
