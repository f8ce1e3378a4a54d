export { relayDeviceEventOutbox } from "./connectivity/outbox-relay";
export { type InactivityTimeouts, type SweepResult, sweepInactiveDevices } from "./connectivity/sweep";
export { type DeadLetterReason, deadLetterReasons } from "./decode";
export {
  deadLetterQueueEnvSchema,
  type IngestTuningEnv,
  ingestTuningEnvSchema,
  ingestTuningFrom,
} from "./env";
export type { IngestMetrics } from "./metrics";
export { type IngestWorker, type IngestWorkerOptions, startIngestWorker } from "./worker";
