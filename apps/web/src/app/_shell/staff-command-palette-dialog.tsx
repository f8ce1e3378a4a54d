"use client";

import { CommandPalette, type PaletteGroup } from "@revolv/ui/command-palette";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Cpu } from "lucide-react";
import { useRouter } from "next/navigation";
import { type ReactNode, useEffect, useState } from "react";
import { useTRPC } from "~/trpc/react";
import type { NavigationEntry } from "./navigation";

/** Typing settles for this long before the server is asked. */
const searchDelayMs = 250;

/**
 * The palette itself: the pages the role may open, and devices found by the server by serial
 * or name as the user types (debounced; the search is `devices.list`'s, so it checks
 * `device:read`). Loaded on first use by `StaffCommandPalette`.
 */
export default function StaffCommandPaletteDialog({
  entries,
  icons,
  open,
  setOpen,
}: {
  entries: NavigationEntry[];
  icons: Record<string, ReactNode>;
  open: boolean;
  setOpen: (open: boolean) => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();

  const [search, setSearch] = useState("");
  const [settled, setSettled] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setSettled(search.trim()), searchDelayMs);
    return () => clearTimeout(timer);
  }, [search]);
  const canSearchDevices = entries.some((entry) => entry.href === "/devices");
  const devices = useQuery({
    ...trpc.devices.list.queryOptions({ search: settled, pageSize: 8, sortBy: "name", sortDir: "asc" }),
    enabled: open && canSearchDevices && settled.length >= 2,
    placeholderData: keepPreviousData,
  });

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) setSearch("");
  };

  const groups: PaletteGroup[] = [
    {
      heading: "Go to",
      commands: entries.map((entry) => ({
        id: entry.href,
        label: entry.label,
        icon: icons[entry.icon],
        run: () => router.push(entry.href),
      })),
    },
    {
      heading: "Devices",
      commands:
        settled.length >= 2
          ? (devices.data?.items ?? []).map((device) => ({
              id: device.id,
              label: `${device.name} · ${device.serialNumber}`,
              keywords: [device.serialNumber, device.name, device.site],
              icon: <Cpu />,
              run: () => router.push(`/devices/${device.id}`),
            }))
          : [],
    },
  ];

  return (
    <CommandPalette
      open={open}
      onOpenChange={onOpenChange}
      groups={groups}
      search={search}
      onSearchChange={setSearch}
      // Typing not yet settled, or its search on the way: say so rather than "nothing matches".
      loading={
        canSearchDevices && search.trim().length >= 2 && (search.trim() !== settled || devices.isFetching)
      }
    />
  );
}
