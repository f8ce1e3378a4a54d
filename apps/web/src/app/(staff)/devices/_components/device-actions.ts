/**
 * What the signed-in role may do to devices, read on the server from the permission matrix
 * (`roleHasPermission` in @revolv/auth) and handed to the client: nothing the role cannot do is
 * offered. The API checks every call again.
 */
export type DeviceActions = {
  /** `device:create`: register one, import a CSV. */
  create: boolean;
  /** `device:update`: edit, add and remove tags (also in bulk). */
  update: boolean;
  /** `device:delete`: decommission (also in bulk). */
  decommission: boolean;
  /** `device:credentials`: rotate a device's MQTT credential. */
  rotateCredential: boolean;
};

/** A row can be selected when some bulk action is offered. */
export const canSelectDevices = (actions: DeviceActions) => actions.update || actions.decommission;

/** A row gets an actions menu when one of its entries is offered. */
export const hasRowActions = (actions: DeviceActions) =>
  actions.update || actions.decommission || actions.rotateCredential;
