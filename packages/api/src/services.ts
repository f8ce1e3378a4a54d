import type { ClickHouseClient } from "@clickhouse/client";
import type { SecretBox } from "@revolv/alarms";
import type { Database } from "@revolv/db/client";
import type { QueueClient } from "@revolv/queue";

/** The telemetry queue and its dead-letter queue, for the pipeline page. */
export interface PipelineQueues {
  client: QueueClient;
  queueUrl: string;
  /** Resolved on first use (SQS_DLQ_URL, else the queue's redrive policy), so a start never waits on SQS. */
  deadLetterQueueUrl(): Promise<string>;
}

/** The long-lived engines a request needs; created once per process by the app. */
export interface Services {
  db: Database;
  clickhouse: ClickHouseClient;
  /** Seals webhook secrets of alarm rules; absent (no ALARM_SECRETS_KEY in production), webhooks are refused. */
  alarmSecrets?: SecretBox | undefined;
  /** Absent where the app is given no queue (a production web app without SQS_QUEUE_URL). */
  queues?: PipelineQueues | undefined;
}
