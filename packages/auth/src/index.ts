export { generateDeviceCredential, hashDeviceCredential, verifyDeviceCredential } from "./device-credential";
export { hashPassword, verifyPassword } from "./password";
export {
  type Permission,
  permissionDescriptions,
  permissions,
  roleHasPermission,
  rolePermissions,
} from "./permissions";
