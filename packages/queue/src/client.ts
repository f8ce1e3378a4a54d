import { Agent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { SQSClient } from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";

export interface SqsClientOptions {
  region: string;
  /** An emulator's address (fauxqs); unset for AWS, where the queue URL's region decides. */
  endpoint?: string | undefined;
  /** Explicit keys; without them AWS uses its default credential chain. */
  credentials?:
    | { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined }
    | undefined;
  /** Sockets kept open: at least the long polls plus the sends and deletes running beside them. */
  maxSockets?: number;
  /** `false` skips the SDK's MD5 check of every body sent and received (what the benchmark compares). */
  md5?: false;
}

/**
 * An SQS client for many small batch calls: keep-alive sockets (a TCP or TLS handshake per
 * call would cost more than the call), enough of them that long polls do not starve the
 * sends and deletes, a request timeout longer than the 20 s long poll, and dummy credentials
 * against an emulator so the SDK never walks the credential chain on a laptop.
 */
export function createSqsClient({
  region,
  endpoint,
  credentials,
  maxSockets = 64,
  md5,
}: SqsClientOptions): SQSClient {
  const agentOptions = { keepAlive: true, keepAliveMsecs: 1_000, maxSockets };
  const keys = credentials ?? (endpoint ? { accessKeyId: "local", secretAccessKey: "local" } : undefined);
  return new SQSClient({
    region,
    ...(endpoint ? { endpoint } : {}),
    ...(keys ? { credentials: keys } : {}),
    ...(md5 === false ? { md5: false } : {}),
    requestHandler: new NodeHttpHandler({
      httpAgent: new Agent(agentOptions),
      httpsAgent: new HttpsAgent(agentOptions),
      connectionTimeout: 2_000,
      requestTimeout: 30_000,
    }),
  });
}
