export {
  alarmRules,
  alarms,
  alarmTransitions,
  notificationDeliveries,
  type StoredAlarmChannel,
} from "./alarms";
export { auditEvents } from "./audit-events";
export { deviceEventOutbox } from "./device-event-outbox";
export {
  type DecommissionRecord,
  type Device,
  decommissionedNow,
  deviceSchema,
  devices,
  deviceWithCredentialSchema,
  isDecommissioned,
  publicDeviceColumns,
} from "./devices";
export { invitations } from "./invitations";
export { loginAttempts } from "./login-attempts";
export { roles } from "./roles";
export { sessions } from "./sessions";
export { publicUserColumns, type User, userSchema, users } from "./users";
