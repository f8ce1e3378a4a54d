import type { Meta, StoryObj } from "@storybook/react-vite";
import { Bell, Cpu, KeyRound, LayoutDashboard, Plus } from "lucide-react";
import { useCallback, useState } from "react";
import { expect, fn, screen, waitFor } from "storybook/test";
import { Button } from "../primitives/button";
import { CommandPalette, useCommandPaletteShortcut } from "./command-palette";

function Demo({ run, defaultOpen = false }: { run: (id: string) => void; defaultOpen?: boolean }) {
  const [open, setOpen] = useState(defaultOpen);
  const toggle = useCallback((update: (open: boolean) => boolean) => setOpen(update), []);
  useCommandPaletteShortcut(toggle);
  const command = (id: string, label: string, icon: React.ReactNode, extra: object = {}) => ({
    id,
    label,
    icon,
    run: () => run(id),
    ...extra,
  });
  return (
    <>
      <Button variant="outline" onClick={() => setOpen(true)}>
        Search… <kbd className="ml-2 text-xs text-muted-foreground">Ctrl K</kbd>
      </Button>
      <CommandPalette
        open={open}
        onOpenChange={setOpen}
        groups={[
          {
            heading: "Go to",
            commands: [
              command("overview", "Overview", <LayoutDashboard />),
              command("devices", "Devices", <Cpu />, { keywords: ["fleet", "rvm", "soundbox"] }),
              command("alarms", "Alarms", <Bell />),
            ],
          },
          {
            heading: "Actions",
            commands: [
              command("register-device", "Register a device", <Plus />, { shortcut: "N" }),
              command("rotate-credential", "Rotate a device credential", <KeyRound />),
            ],
          },
        ]}
      />
    </>
  );
}

const meta = {
  title: "Domain/Command palette",
  component: Demo,
  args: { run: fn() },
} satisfies Meta<typeof Demo>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Open: Story = { tags: ["screenshot"], args: { defaultOpen: true } };

/** Only the keyboard: open with Ctrl+K, filter, choose, and close with Escape. */
export const KeyboardOnly: Story = {
  play: async ({ canvas, userEvent, args, step }) => {
    const opener = canvas.getByRole("button", { name: /Search/ });
    opener.focus();

    await step("Ctrl+K opens with the search focused; typing filters; Enter runs", async () => {
      await userEvent.keyboard("{Control>}k{/Control}");
      const input = await screen.findByRole("combobox", { name: "Search commands" });
      await waitFor(() => expect(input).toHaveFocus());
      await userEvent.keyboard("fleet");
      await waitFor(() => expect(screen.getAllByRole("option")).toHaveLength(1));
      await userEvent.keyboard("{Enter}");
      await waitFor(() => expect(args.run).toHaveBeenCalledWith("devices"));
      await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    });

    await step("arrow keys move through every group", async () => {
      await userEvent.keyboard("{Control>}k{/Control}");
      await screen.findByRole("combobox", { name: "Search commands" });
      await userEvent.keyboard("{ArrowDown}{ArrowDown}{ArrowDown}");
      await expect(screen.getByRole("option", { selected: true })).toHaveTextContent("Register a device");
      await userEvent.keyboard("{Enter}");
      await waitFor(() => expect(args.run).toHaveBeenLastCalledWith("register-device"));
    });

    await step("Escape closes and focus goes back", async () => {
      await userEvent.keyboard("{Control>}k{/Control}");
      await screen.findByRole("dialog");
      await userEvent.keyboard("{Escape}");
      await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
      await waitFor(() => expect(opener).toHaveFocus());
      await expect(args.run).toHaveBeenCalledTimes(2);
    });
  },
};

export const NothingMatches: Story = {
  args: { defaultOpen: true },
  play: async ({ userEvent }) => {
    await userEvent.type(await screen.findByRole("combobox", { name: "Search commands" }), "zzz");
    await expect(await screen.findByText("No page or action matches.")).toBeVisible();
  },
};

const devices = [
  { id: "d1", name: "Lobby machine", serial: "RVM-00042" },
  { id: "d2", name: "Till 7", serial: "SB-0007" },
];

/** Server search: the app filters devices on its server as the user types and passes them back. */
function ServerSearchDemo({ run }: { run: (id: string) => void }) {
  const [open, setOpen] = useState(true);
  const [search, setSearch] = useState("");
  const found =
    search.length < 2
      ? []
      : devices.filter((d) => `${d.name} ${d.serial}`.toLowerCase().includes(search.toLowerCase()));
  return (
    <CommandPalette
      open={open}
      onOpenChange={setOpen}
      search={search}
      onSearchChange={setSearch}
      groups={[
        {
          heading: "Go to",
          commands: [
            { id: "overview", label: "Overview", icon: <LayoutDashboard />, run: () => run("overview") },
          ],
        },
        {
          heading: "Devices",
          commands: found.map((d) => ({
            id: d.id,
            label: `${d.name} · ${d.serial}`,
            icon: <Cpu />,
            run: () => run(d.id),
          })),
        },
      ]}
    />
  );
}

export const ServerSearch: StoryObj<typeof ServerSearchDemo> = {
  render: (args) => <ServerSearchDemo {...args} />,
  args: { run: fn() },
  play: async ({ userEvent, args }) => {
    const input = await screen.findByRole("combobox", { name: "Search commands" });
    await userEvent.type(input, "SB-00");
    await userEvent.keyboard("{Enter}");
    await waitFor(() => expect(args.run).toHaveBeenCalledWith("d2"));
  },
};

export const Searching: StoryObj<typeof CommandPalette> = {
  render: () => (
    <CommandPalette open onOpenChange={() => {}} groups={[]} search="RVM" onSearchChange={() => {}} loading />
  ),
};
