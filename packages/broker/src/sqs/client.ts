import { Agent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { SQSClient } from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";

export interface SqsClientOptions {
  /** An emulator's address (fauxqs); omit for AWS, where the queue URL's region decides. */
  endpoint?: string;
  region: string;
  /** Sockets kept open per client; the SQS hop is request-bound, so reuse matters most. */
  maxSockets?: number;
}

/**
 * An SQS client tuned for many small batch calls: keep-alive agents (a TCP handshake per
 * SendMessageBatch would cost more than the call), and dummy credentials against an
 * emulator so the SDK never walks the credential chain on a laptop.
 */
export function createSqsClient({ endpoint, region, maxSockets = 64 }: SqsClientOptions): SQSClient {
  const agentOptions = { keepAlive: true, keepAliveMsecs: 1_000, maxSockets };
  return new SQSClient({
    region,
    ...(endpoint ? { endpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" } } : {}),
    requestHandler: new NodeHttpHandler({
      httpAgent: new Agent(agentOptions),
      httpsAgent: new HttpsAgent(agentOptions),
      connectionTimeout: 2_000,
      requestTimeout: 30_000,
    }),
  });
}
