import { jwtVerify, SignJWT } from "jose";

/** Bearer tokens for API clients are short-lived; a leaked one is useful for minutes only. */
export const accessTokenTtlSeconds = 15 * 60;

const issuer = "revolv";
const audience = "revolv-api";

const keyFrom = (secret: string) => new TextEncoder().encode(secret);

export async function signAccessToken(
  claims: { userId: string; sessionId: string },
  secret: string,
  ttlSeconds = accessTokenTtlSeconds,
): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  const token = await new SignJWT({ sid: claims.sessionId })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.userId)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(keyFrom(secret));
  return { token, expiresAt };
}

/** The session id a valid, unexpired token names; null for anything else (never throws). */
export async function verifyAccessToken(token: string, secret: string): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(token, keyFrom(secret), {
      issuer,
      audience,
      algorithms: ["HS256"],
    });
    return typeof payload.sid === "string" ? payload.sid : null;
  } catch {
    return null;
  }
}
