import { describe, expect, it } from "vitest";
import { generateDeviceCredential, hashDeviceCredential, verifyDeviceCredential } from "./device-credential";

describe("device credentials", () => {
  it("are random, prefixed and verify only against their own hash", () => {
    const a = generateDeviceCredential();
    const b = generateDeviceCredential();
    expect(a).toMatch(/^rvk_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    const stored = hashDeviceCredential(a);
    expect(stored).not.toContain(a.slice(4));
    expect(verifyDeviceCredential(stored, a)).toBe(true);
    expect(verifyDeviceCredential(stored, b)).toBe(false);
    expect(verifyDeviceCredential("not-hex", a)).toBe(false);
  });
});
