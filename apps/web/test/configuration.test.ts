import { describe, expect, it } from "vitest";
import { runToExit } from "./start-server";

describe("start-up configuration", () => {
  it("refuses DATABASE_URL=notaurl with one line and no stack trace", async () => {
    const { code, stderr } = await runToExit({ DATABASE_URL: "notaurl" });
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain("DATABASE_URL");
    expect(stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it("refuses production without AUTH_SECRET or DATABASE_URL", async () => {
    const { code, stderr } = await runToExit({ NODE_ENV: "production" });
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain("AUTH_SECRET: is required in production");
    expect(stderr).toContain("DATABASE_URL: is required in production");
  });

  it("refuses a short AUTH_SECRET and a bad PORT", async () => {
    const { code, stderr } = await runToExit({ AUTH_SECRET: "short", PORT: "99999" });
    expect(code).toBe(1);
    expect(stderr).toContain("AUTH_SECRET: AUTH_SECRET must be at least 32 characters");
    expect(stderr).toContain("PORT");
  });

  it("refuses an unknown REGISTRATION mode, naming the ones it knows", async () => {
    const { code, stderr } = await runToExit({ REGISTRATION: "everyone" });
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain("REGISTRATION");
    expect(stderr).toMatch(/closed.*invite.*open/);
  });

  it("refuses a shared SQS variable from the env kit by name, and reads a blank one as unset", async () => {
    const { code, stderr } = await runToExit({
      SQS_DLQ_URL: "dead-letters",
      SQS_ENDPOINT: "",
      DATABASE_URL: "notaurl",
    });
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain("SQS_DLQ_URL: SQS_DLQ_URL must be the dead-letter queue's URL");
    expect(stderr).not.toContain("SQS_ENDPOINT");
  });
});
