import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatIssues } from "./issues";

const config = z.object({ PORT: z.coerce.number().int(), DATABASE_URL: z.url("must be a URL") });

describe("formatIssues, the one formatter of Zod issues", () => {
  it("names every bad field on one line, dotted", () => {
    const error = config.safeParse({ PORT: "x", DATABASE_URL: "nope" }).error as z.ZodError;
    expect(formatIssues(error)).toBe(
      "PORT: Invalid input: expected number, received NaN; DATABASE_URL: must be a URL",
    );
    const nested = z.object({ location: z.object({ latitude: z.number().max(90) }) });
    expect(formatIssues(nested.safeParse({ location: { latitude: 91 } }).error as z.ZodError)).toBe(
      "location.latitude: Too big: expected number to be <=90",
    );
  });

  it("names an issue about the whole input as told, or gives its message alone", () => {
    const error = z.object({}).safeParse("text").error as z.ZodError;
    expect(formatIssues(error)).toBe("config: Invalid input: expected object, received string");
    expect(formatIssues(error, { whole: "(body)" })).toBe(
      "(body): Invalid input: expected object, received string",
    );
    expect(formatIssues(error.issues, { whole: null })).toBe(
      "Invalid input: expected object, received string",
    );
  });

  it("stops at the limit", () => {
    const issues = Array.from({ length: 8 }, (_, i) => ({ path: [`f${i}`], message: "bad" }));
    expect(formatIssues(issues, { limit: 2 })).toBe("f0: bad; f1: bad");
  });
});
