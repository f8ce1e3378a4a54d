import { startFauxqs } from "fauxqs";

export interface SqsEmulatorOptions {
  port: number;
  host?: string;
  region?: string;
  queueName?: string;
  deadLetterQueueName?: string;
  /** Receives before SQS moves a message to the dead-letter queue. */
  maxReceiveCount?: number;
  visibilityTimeoutSeconds?: number;
}

export interface SqsEmulator {
  endpoint: string;
  port: number;
  region: string;
  queueUrl: string;
  deadLetterQueueUrl: string;
  stop(): Promise<void>;
}

/**
 * The embedded stand-in for SQS: fauxqs with the telemetry queue and its dead-letter queue,
 * wired by a redrive policy as in production. fauxqs keeps queues in memory, so a crash of
 * the process that runs it loses what was queued; production uses SQS.
 */
export async function startSqsEmulator({
  port,
  host = "localhost",
  region = "us-east-1",
  queueName = "revolv-telemetry",
  deadLetterQueueName = "revolv-telemetry-dlq",
  maxReceiveCount = 5,
  visibilityTimeoutSeconds = 30,
}: SqsEmulatorOptions): Promise<SqsEmulator> {
  const server = await startFauxqs({ port, host, logger: false, defaultRegion: region });
  const dlq = server.createQueue(deadLetterQueueName, {
    region,
    // Dead letters are kept for the maximum so a person can read why they failed.
    attributes: { MessageRetentionPeriod: "1209600" },
  });
  const queue = server.createQueue(queueName, {
    region,
    attributes: {
      VisibilityTimeout: String(visibilityTimeoutSeconds),
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.queueArn, maxReceiveCount }),
    },
  });
  return {
    endpoint: `http://127.0.0.1:${server.port}`,
    port: server.port,
    region,
    queueUrl: queue.queueUrl,
    deadLetterQueueUrl: dlq.queueUrl,
    stop: () => server.stop(),
  };
}
