import { startFauxqs } from "fauxqs";
import { createQueueClient } from "./queue-client";

export interface SqsEmulatorOptions {
  port: number;
  host?: string;
  region?: string;
  queueName?: string;
  deadLetterQueueName?: string;
  /** Receives before SQS moves a message to the dead-letter queue. */
  maxReceiveCount?: number;
  visibilityTimeoutSeconds?: number;
  /**
   * Where fauxqs keeps queues and messages (SQLite, written through on every change), so what
   * was queued survives a restart, or a crash, of the process. Unset: in memory only.
   */
  dataDir?: string | undefined;
}

export interface SqsEmulator {
  endpoint: string;
  port: number;
  region: string;
  queueUrl: string;
  deadLetterQueueUrl: string;
  /** The data directory, when the queues are persisted. */
  dataDir: string | undefined;
  stop(): Promise<void>;
}

/**
 * The embedded stand-in for SQS: fauxqs with the telemetry queue and its dead-letter queue,
 * wired by a redrive policy as in production. With a `dataDir` the queues outlive the process;
 * without one a stop or a crash loses what was queued.
 */
export async function startSqsEmulator({
  port,
  host = "localhost",
  region = "us-east-1",
  queueName = "revolv-telemetry",
  deadLetterQueueName = "revolv-telemetry-dlq",
  maxReceiveCount = 5,
  visibilityTimeoutSeconds = 30,
  dataDir,
}: SqsEmulatorOptions): Promise<SqsEmulator> {
  const server = await startFauxqs({
    port,
    host,
    logger: false,
    defaultRegion: region,
    ...(dataDir && { dataDir }),
  });
  try {
    // Dead letters are kept for the maximum so a person can read why they failed.
    const dlqAttributes = { MessageRetentionPeriod: "1209600" };
    // fauxqs's createQueue replaces a queue of that name, messages and all (its SQLite row is
    // replaced, which cascades to the messages). `setup` creates only what is missing, so the
    // queues restored from `dataDir` keep their messages.
    const ensureQueue = (name: string, attributes: Record<string, string>) => {
      const [result] = server.setup({ queues: [{ name, attributes }] }).queues;
      if (!result) throw new Error(`fauxqs did not set up queue ${name}`);
      return result;
    };
    const dlq = ensureQueue(deadLetterQueueName, dlqAttributes);
    const attributes = {
      VisibilityTimeout: String(visibilityTimeoutSeconds),
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount }),
    };
    const queue = ensureQueue(queueName, attributes);

    const endpoint = `http://127.0.0.1:${server.port}`;
    // A restored queue keeps the URL of the port it was created on; fauxqs finds queues by name
    // whatever the port, but a URL that names this run's port is the one to hand out. fauxqs
    // names queues `http://sqs.<region>.<host>:<port>/…`, which is no valid URL when the host
    // is an IP: then the URL is the same path on this endpoint.
    const onThisPort = (url: string) =>
      URL.canParse(url)
        ? Object.assign(new URL(url), { port: String(server.port) }).href
        : `${endpoint}${url.replace(/^[a-z]+:\/\/[^/]+/, "")}`;
    const emulator: SqsEmulator = {
      endpoint,
      port: server.port,
      region,
      queueUrl: onThisPort(queue.url),
      deadLetterQueueUrl: onThisPort(dlq.url),
      dataDir,
      stop: () => server.stop(),
    };
    if (!queue.created || !dlq.created) {
      // Restored: bring the settings to this run's configuration, as one would on SQS.
      const client = createQueueClient({ endpoint, region, maxAttempts: 1 });
      try {
        await client.setAttributes(emulator.deadLetterQueueUrl, dlqAttributes);
        await client.setAttributes(emulator.queueUrl, attributes);
      } finally {
        await client.close();
      }
    }
    return emulator;
  } catch (error) {
    await server.stop();
    throw error;
  }
}
