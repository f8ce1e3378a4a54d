import { setTimeout as sleep } from "node:timers/promises";
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import { Pool } from "undici";
import { createSigner } from "./sigv4";

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
}

export interface QueueClientOptions {
  region: string;
  /** An SQS-compatible endpoint (fauxqs); unset for AWS (`https://sqs.{region}.amazonaws.com`). */
  endpoint?: string | undefined;
  /** Explicit keys; without them AWS uses its default chain (env, ECS task role, profile…). */
  credentials?: AwsCredentials | undefined;
  /** Keep-alive connections: at least the long polls plus the sends and deletes beside them. */
  connections?: number;
  /** Longer than a 20 s long poll. */
  requestTimeoutMs?: number;
  /** Attempts for throttling, 5xx and dropped connections; client errors are never retried. */
  maxAttempts?: number;
}

export interface OutgoingMessage {
  body: string;
  /** String message attributes, e.g. the reason a message was dead-lettered. */
  attributes?: Record<string, string>;
}

export interface ReceivedMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
  /** How often SQS has handed this message out, this time included. */
  receiveCount: number;
  /** String message attributes, when asked for. */
  attributes: Record<string, string>;
  /** When the message was sent to this queue (epoch ms), asked for with the attributes. */
  sentAt?: number | undefined;
}

export interface ReceiveOptions {
  /** 1–10. */
  maxMessages?: number;
  /** Long poll, 0–20 s. */
  waitTimeSeconds?: number;
  visibilityTimeoutSeconds?: number;
  /** Also return message attributes (the dead-letter reason) and the send time; off on the hot path. */
  withAttributes?: boolean;
  signal?: AbortSignal;
}

/** Entries of a batch call SQS refused, by their index in the request. */
export interface BatchFailure {
  index: number;
  code: string;
  message: string;
  senderFault: boolean;
}

export interface QueueClient {
  /** SendMessageBatch, at most 10 messages; resolves with the entries SQS refused. */
  sendBatch(queueUrl: string, messages: OutgoingMessage[]): Promise<BatchFailure[]>;
  receive(queueUrl: string, options?: ReceiveOptions): Promise<ReceivedMessage[]>;
  /** DeleteMessageBatch, at most 10 receipt handles; resolves with the entries SQS refused. */
  deleteBatch(queueUrl: string, receiptHandles: string[]): Promise<BatchFailure[]>;
  /** ChangeMessageVisibilityBatch, at most 10; 0 makes a held message visible again at once. */
  changeVisibilityBatch(
    queueUrl: string,
    entries: { receiptHandle: string; visibilityTimeoutSeconds: number }[],
  ): Promise<BatchFailure[]>;
  attributes(queueUrl: string, names: string[]): Promise<Record<string, string>>;
  /** SetQueueAttributes. */
  setAttributes(queueUrl: string, attributes: Record<string, string>): Promise<void>;
  /** GetQueueUrl: the URL of a queue known by name (and owner account). */
  queueUrl(name: string, ownerAccountId?: string): Promise<string>;
  close(): Promise<void>;
}

export class SqsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode: number,
    readonly retryable: boolean,
  ) {
    super(`${code}: ${message}`);
    this.name = "SqsError";
  }
}

const throttlingCodes = new Set([
  "ThrottlingException",
  "RequestThrottled",
  "ServiceUnavailable",
  "InternalFailure",
  "KmsThrottled",
]);

interface WireBatchResult {
  Failed?: { Id: string; Code?: string; Message?: string; SenderFault?: boolean }[];
}
interface WireMessage {
  MessageId: string;
  ReceiptHandle: string;
  Body: string;
  Attributes?: Record<string, string>;
  MessageAttributes?: Record<string, { StringValue?: string }>;
}

/**
 * A lean SQS client speaking the AWS JSON 1.0 protocol over an undici keep-alive pool, signed
 * with SigV4 (`sigv4.ts`, held to `aws4`'s output by a test). Measured here against fauxqs, it costs about a quarter of the CPU per
 * message that `@aws-sdk/client-sqs` does (whose middleware stack, schema serde and per-call
 * MD5s dominate), and the SQS hop runs on every message twice (bridge and worker). Credentials
 * still come from the SDK's own default chain, so ECS task roles and profiles work unchanged.
 */
export function createQueueClient(options: QueueClientOptions): QueueClient {
  const endpoint = new URL(options.endpoint ?? `https://sqs.${options.region}.amazonaws.com`);
  const path = endpoint.pathname || "/";
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 3;
  const sign = createSigner(options.region);
  const pool = new Pool(endpoint.origin, {
    connections: options.connections ?? 64,
    keepAliveTimeout: 30_000,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  // An emulator takes any keys; AWS gets the default chain, memoized and refreshed by the SDK.
  const credentials: () => Promise<AwsCredentials> = options.credentials
    ? async () => options.credentials as AwsCredentials
    : options.endpoint
      ? async () => ({ accessKeyId: "local", secretAccessKey: "local" })
      : defaultProvider();

  async function callOnce<T>(action: string, payload: unknown, signal?: AbortSignal): Promise<T> {
    const body = JSON.stringify(payload);
    const headers = sign({
      host: endpoint.host,
      path,
      target: `AmazonSQS.${action}`,
      body,
      credentials: await credentials(),
    });
    const response = await pool.request({
      path,
      method: "POST",
      headers,
      body,
      ...(signal ? { signal } : {}),
    });
    const text = await response.body.text();
    if (response.statusCode === 200) return (text ? JSON.parse(text) : {}) as T;
    let code = `Http${response.statusCode}`;
    let message = text.slice(0, 300);
    try {
      const error = JSON.parse(text) as { __type?: string; message?: string; Message?: string };
      code = error.__type?.split("#").pop() ?? code;
      message = error.message ?? error.Message ?? message;
    } catch {
      // Not JSON (a proxy's error page): keep the status and the start of the text.
    }
    const retryable = response.statusCode >= 500 || throttlingCodes.has(code);
    throw new SqsError(code, message, response.statusCode, retryable);
  }

  async function call<T>(action: string, payload: unknown, signal?: AbortSignal): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await callOnce<T>(action, payload, signal);
      } catch (error) {
        const retryable = error instanceof SqsError ? error.retryable : !signal?.aborted;
        if (!retryable || attempt >= maxAttempts) throw error;
        // Full jitter, so a fleet of callers does not retry in step.
        await sleep(Math.random() * 50 * 2 ** attempt, undefined, signal ? { signal } : undefined);
      }
    }
  }

  const failuresOf = (result: WireBatchResult): BatchFailure[] =>
    (result.Failed ?? []).map((f) => ({
      index: Number(f.Id),
      code: f.Code ?? "Unknown",
      message: f.Message ?? "",
      senderFault: f.SenderFault ?? false,
    }));

  return {
    async sendBatch(queueUrl, messages) {
      const result = await call<WireBatchResult>("SendMessageBatch", {
        QueueUrl: queueUrl,
        Entries: messages.map((message, index) => ({
          Id: String(index),
          MessageBody: message.body,
          ...(message.attributes && {
            MessageAttributes: Object.fromEntries(
              Object.entries(message.attributes).map(([name, value]) => [
                name,
                { DataType: "String", StringValue: value },
              ]),
            ),
          }),
        })),
      });
      return failuresOf(result);
    },

    async receive(queueUrl, receive = {}) {
      const result = await call<{ Messages?: WireMessage[] }>(
        "ReceiveMessage",
        {
          QueueUrl: queueUrl,
          MaxNumberOfMessages: receive.maxMessages ?? 10,
          WaitTimeSeconds: receive.waitTimeSeconds ?? 20,
          MessageSystemAttributeNames: receive.withAttributes
            ? ["ApproximateReceiveCount", "SentTimestamp"]
            : ["ApproximateReceiveCount"],
          ...(receive.visibilityTimeoutSeconds !== undefined && {
            VisibilityTimeout: receive.visibilityTimeoutSeconds,
          }),
          ...(receive.withAttributes && { MessageAttributeNames: ["All"] }),
        },
        receive.signal,
      );
      return (result.Messages ?? []).map((m) => ({
        messageId: m.MessageId,
        receiptHandle: m.ReceiptHandle,
        body: m.Body,
        receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 1),
        attributes: Object.fromEntries(
          Object.entries(m.MessageAttributes ?? {}).map(([name, value]) => [name, value.StringValue ?? ""]),
        ),
        ...(m.Attributes?.SentTimestamp && { sentAt: Number(m.Attributes.SentTimestamp) }),
      }));
    },

    async deleteBatch(queueUrl, receiptHandles) {
      const result = await call<WireBatchResult>("DeleteMessageBatch", {
        QueueUrl: queueUrl,
        Entries: receiptHandles.map((handle, index) => ({ Id: String(index), ReceiptHandle: handle })),
      });
      return failuresOf(result);
    },

    async changeVisibilityBatch(queueUrl, entries) {
      const result = await call<WireBatchResult>("ChangeMessageVisibilityBatch", {
        QueueUrl: queueUrl,
        Entries: entries.map((entry, index) => ({
          Id: String(index),
          ReceiptHandle: entry.receiptHandle,
          VisibilityTimeout: entry.visibilityTimeoutSeconds,
        })),
      });
      return failuresOf(result);
    },

    async attributes(queueUrl, names) {
      const result = await call<{ Attributes?: Record<string, string> }>("GetQueueAttributes", {
        QueueUrl: queueUrl,
        AttributeNames: names,
      });
      return result.Attributes ?? {};
    },

    async setAttributes(queueUrl, attributes) {
      await call("SetQueueAttributes", { QueueUrl: queueUrl, Attributes: attributes });
    },

    async queueUrl(name, ownerAccountId) {
      const result = await call<{ QueueUrl: string }>("GetQueueUrl", {
        QueueName: name,
        ...(ownerAccountId && { QueueOwnerAWSAccountId: ownerAccountId }),
      });
      return result.QueueUrl;
    },

    close: () => pool.close(),
  };
}
