import { describe, expect, it } from "vitest";
import { parseSimulateArgs } from "../src/cli/args";

describe("pnpm simulate's arguments", () => {
  it("takes flags over the environment and fills in defaults", () => {
    const args = parseSimulateArgs(["--devices", "500", "--rate", "2", "--types", "soundbox"], {
      REVOLV_PASSWORD: "from the environment",
      REVOLV_URL: "https://devices.example.com",
    });
    expect(args).toMatchObject({
      devices: 500,
      rate: 2,
      types: ["soundbox"],
      duration: 0,
      url: "https://devices.example.com",
      mqtt: "mqtt://localhost:1883",
      login: "admin",
      password: "from the environment",
    });
  });

  it("names every bad value on one line", () => {
    const result = parseSimulateArgs(["--devices", "0", "--rate", "fast", "--types", "toaster"], {});
    expect(result).toHaveProperty("error");
    const { error } = result as { error: string };
    for (const field of ["devices", "rate", "types", "password"]) expect(error).toContain(`${field}`);
    expect(error.split("\n")).toHaveLength(1);
  });

  it("refuses an unknown flag", () => {
    expect(parseSimulateArgs(["--devcies", "5"], { REVOLV_PASSWORD: "x" })).toMatchObject({
      error: expect.stringContaining("--devcies"),
    });
  });

  it("takes --scenario jam, fill or silence and refuses another", () => {
    for (const scenario of ["jam", "fill", "silence"])
      expect(parseSimulateArgs(["--scenario", scenario], { REVOLV_PASSWORD: "x" })).toMatchObject({
        scenario,
      });
    expect(parseSimulateArgs([], { REVOLV_PASSWORD: "x" })).not.toHaveProperty("scenario");
    expect(parseSimulateArgs(["--scenario", "flood"], { REVOLV_PASSWORD: "x" })).toMatchObject({
      error: expect.stringContaining("scenario"),
    });
  });
});
