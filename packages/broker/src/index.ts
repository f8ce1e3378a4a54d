export { iotRuleBody } from "@revolv/validators/iot-rule";
export { type BridgeDeadLetterReason, bridgeDeadLetterReasons } from "./bridge/dead-letter";
export { createSqsBatcher, type SqsBatcher, type SqsBatcherOptions, SqsRefusal } from "./bridge/sqs-batcher";
export { createTelemetryBridge, type TelemetryBridge } from "./bridge/telemetry-bridge";
export {
  createDeviceAuthenticator,
  type DeviceAuthenticator,
  type DeviceCredentialLookup,
  deviceCredentialLookup,
} from "./devices/device-authenticator";
export { type DeviceEdge, type StartDeviceEdgeOptions, startDeviceEdge } from "./edge";
export { type EdgeConfig, type EdgeEnv, edgeConfigFrom, edgeEnvSchema } from "./env";
export {
  type DeviceBroker,
  type DeviceBrokerOptions,
  startDeviceBroker,
  type TelemetryForwarder,
} from "./mqtt/device-broker";
