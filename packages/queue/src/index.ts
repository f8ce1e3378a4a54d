export { sqsBatches, sqsMaxBatch, sqsSendBatches } from "./batches";
export { deadLetterQueueResolver, redriveTargetOf, resolveDeadLetterQueue } from "./dead-letter-queue";
export {
  describeRefusedCharacter,
  sqsMaxBatchBytes,
  sqsMaxMessageBytes,
  sqsMessageBytes,
} from "./message-limits";
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
export { type Forwarded, peekQueue, type ScanResult, type TakeResult, takeFromQueue } from "./queue-scan";
