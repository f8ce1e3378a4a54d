import { describe, expect, it } from "vitest";
import { z } from "zod";
import { issuesFromError } from "./server-issues";

describe("issuesFromError", () => {
  it("reads a tRPC error's flattened Zod issues (data.issues)", () => {
    const parsed = z.object({ name: z.string().min(1, "Name is required") }).safeParse({ name: "" });
    const error = { data: { issues: z.flattenError(parsed.error as z.ZodError) } };
    expect(issuesFromError(error)).toEqual([{ field: "name", message: "Name is required" }]);
  });

  it("reads a REST body's dotted issues, the empty path meaning the whole input", () => {
    const body = {
      code: "BAD_REQUEST",
      issues: [
        { path: "location.latitude", message: "Too big" },
        { path: "", message: "Unknown field" },
      ],
    };
    expect(issuesFromError(body)).toEqual([
      { field: "location.latitude", message: "Too big" },
      { field: null, message: "Unknown field" },
    ]);
  });

  it("finds none in a failure that names no field", () => {
    expect(issuesFromError(new Error("Internal error (request req_1)"))).toBeNull();
    expect(issuesFromError(undefined)).toBeNull();
  });
});
