import { invitationTokenSchema } from "@revolv/validators";
import { describe, expect, it } from "vitest";
import { generateInvitationToken, hashInvitationToken } from "./invitation-token";

describe("invitation tokens", () => {
  it("are random, match the validator's shape and hash to a stable hex digest", () => {
    const a = generateInvitationToken();
    const b = generateInvitationToken();
    expect(a).not.toBe(b);
    expect(invitationTokenSchema.safeParse(a).success).toBe(true);
    expect(hashInvitationToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashInvitationToken(a)).toBe(hashInvitationToken(a));
    expect(hashInvitationToken(a)).not.toContain(a.slice(4));
  });
});
