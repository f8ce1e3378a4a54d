import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, redactedKeys } from "../src/logger";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ name: "test", destination }) };
}

describe("logger redaction", () => {
  it("writes no secret under any configured key, at the top or nested in headers and bodies", () => {
    const { lines, logger } = capture();
    const secrets: string[] = [];
    for (const [i, key] of redactedKeys.entries()) {
      const top = `top-secret-${i}-value`;
      const nested = `nested-secret-${i}-value`;
      const deep = `deep-secret-${i}-value`;
      secrets.push(top, nested, deep);
      logger.info({ [key]: top }, "top level");
      logger.info({ req: { headers: { [key]: nested } } }, "in headers");
      logger.info({ call: { input: { body: { [key]: deep } } } }, "deep in a body");
    }
    // The named cases the issue lists, as a caller would log them.
    logger.info(
      { headers: { authorization: "Bearer abc.def.ghi", cookie: "next-auth.session-token=xyz" } },
      "request",
    );
    logger.info(
      { device: { credential: "dev-cred-123" }, webhook: { webhookSecret: "whsec_456" } },
      "created",
    );
    secrets.push("abc.def.ghi", "next-auth.session-token=xyz", "dev-cred-123", "whsec_456");

    const output = lines.join("");
    expect(lines.length).toBe(redactedKeys.length * 3 + 2);
    for (const secret of secrets) expect(output).not.toContain(secret);
    expect(output).toContain("[redacted]");
  });

  it("writes JSON lines with the level as a word, the name and the fields", () => {
    const { lines, logger } = capture();
    logger.child({ requestId: "req-1" }).warn({ procedure: "devices.list" }, "slow");
    const line = JSON.parse(lines[0] ?? "{}");
    expect(line).toMatchObject({
      level: "warn",
      name: "test",
      requestId: "req-1",
      procedure: "devices.list",
      msg: "slow",
    });
  });
});
