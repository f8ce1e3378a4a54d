import { hostname, networkInterfaces } from "node:os";

/**
 * The hosts a developer may open `pnpm dev` at: loopback, this machine's name and every
 * address of its interfaces. Next.js serves its dev resources (scripts, HMR) only to the
 * origins it is told about, so a page opened at 127.0.0.1 or at the LAN address would
 * otherwise never hydrate. Read when the dev server starts; a new address needs a restart.
 */
export function devOriginHosts(interfaces = networkInterfaces(), machineName = hostname()): string[] {
  const hosts = new Set(["localhost", "127.0.0.1", "[::1]", machineName.toLowerCase()]);
  for (const addresses of Object.values(interfaces)) {
    for (const { address, family } of addresses ?? []) {
      // URL hostnames write IPv6 in brackets, and that is what Next compares with.
      hosts.add(family === "IPv6" ? `[${address}]` : address);
    }
  }
  return [...hosts];
}
