export { accessTokenTtlSeconds, signAccessToken, verifyAccessToken } from "./access-token";
export { clientIpFrom, userAgentFrom } from "./client-ip";
export { generateDeviceCredential, hashDeviceCredential, verifyDeviceCredential } from "./device-credential";
export { generateInvitationToken, hashInvitationToken } from "./invitation-token";
export { type LoginRequest, type LoginResult, login } from "./login";
export { hashPassword, verifyPassword } from "./password";
export {
  type Permission,
  permissionDescriptions,
  permissions,
  roleHasPermission,
  rolePermissions,
} from "./permissions";
export { resolvePrincipal, sessionIdFromCookie } from "./principal";
export {
  accountKey,
  defaultLoginRateLimit,
  type LoginRateLimit,
  loginRetryAfterSeconds,
  recordLoginAttempt,
} from "./rate-limit";
export {
  browserSessionTtlMs,
  createSession,
  loadSessionPrincipal,
  type NewSession,
  type Principal,
  revokeSession,
} from "./session";
