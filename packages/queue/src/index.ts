export { createSqsClient, type SqsClientOptions } from "./client";
export { redriveTargetOf, resolveDeadLetterQueue } from "./dead-letter-queue";
export { type SqsEmulator, type SqsEmulatorOptions, startSqsEmulator } from "./emulator";
export {
  type AwsCredentials,
  type BatchFailure,
  createQueueClient,
  type OutgoingMessage,
  type QueueClient,
  type QueueClientOptions,
  type ReceivedMessage,
  type ReceiveOptions,
  SqsError,
} from "./queue-client";
