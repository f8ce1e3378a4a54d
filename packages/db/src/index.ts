export {
  createDatabase,
  type Database,
  type DatabaseHandle,
  migrationsFolder,
  openPglite,
  queryRows,
  type Schema,
} from "./client";
export { type DatabaseConfig, type DatabaseEnv, databaseConfigFrom, databaseEnvSchema } from "./env";
export { auditEvents } from "./schema/audit-events";
export { deviceEventOutbox } from "./schema/device-event-outbox";
export {
  type DecommissionRecord,
  type Device,
  decommissionedNow,
  deviceSchema,
  devices,
  deviceWithCredentialSchema,
  isDecommissioned,
  publicDeviceColumns,
} from "./schema/devices";
export { invitations } from "./schema/invitations";
export { loginAttempts } from "./schema/login-attempts";
export { roles } from "./schema/roles";
export { sessions } from "./schema/sessions";
export { publicUserColumns, type User, userSchema, users } from "./schema/users";
export { type SeedResult, seedDatabase } from "./seed";
