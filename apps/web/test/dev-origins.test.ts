import type { NetworkInterfaceInfo } from "node:os";
import { describe, expect, it } from "vitest";
import { config } from "../next.config";
import { devOriginHosts } from "../src/server/dev-origins";

const nic = (address: string, family: "IPv4" | "IPv6", internal = false) =>
  ({ address, family, internal, netmask: "", mac: "", cidr: null }) as NetworkInterfaceInfo;

describe("the dev server's allowed origins", () => {
  it("are loopback, the machine's name and every interface address, IPv6 in brackets", () => {
    const hosts = devOriginHosts(
      {
        lo: [nic("127.0.0.1", "IPv4", true), nic("::1", "IPv6", true)],
        eth0: [nic("192.168.1.23", "IPv4"), nic("fe80::1", "IPv6")],
      },
      "Build-Box",
    );
    expect(hosts).toEqual(
      expect.arrayContaining(["localhost", "127.0.0.1", "[::1]", "build-box", "192.168.1.23", "[fe80::1]"]),
    );
    expect(new Set(hosts).size).toBe(hosts.length);
  });

  it("are what next.config gives Next.js", () => {
    expect(config.allowedDevOrigins).toEqual(devOriginHosts());
  });
});
