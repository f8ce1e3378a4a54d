import { Agent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { SQSClient } from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";

export interface SqsClientConfig {
  region: string;
  /** An emulator's address (fauxqs); unset for AWS. */
  endpoint?: string | undefined;
  credentials?:
    | { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined }
    | undefined;
  /** At least the number of consumers plus the delete/dead-letter calls running beside them. */
  maxSockets: number;
}

/**
 * An SQS client for a consumer: keep-alive sockets (a TLS or TCP handshake per receive or
 * delete would cost more than the call), enough of them that K long polls do not starve
 * the deletes, and a request timeout longer than the 20 s long poll.
 */
export function createSqsClient(config: SqsClientConfig): SQSClient {
  const agentOptions = { keepAlive: true, keepAliveMsecs: 1_000, maxSockets: config.maxSockets };
  // An emulator accepts any credentials; AWS uses the default chain unless keys are given.
  const credentials =
    config.credentials ?? (config.endpoint ? { accessKeyId: "local", secretAccessKey: "local" } : undefined);
  return new SQSClient({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(credentials ? { credentials } : {}),
    requestHandler: new NodeHttpHandler({
      httpAgent: new Agent(agentOptions),
      httpsAgent: new HttpsAgent(agentOptions),
      connectionTimeout: 2_000,
      requestTimeout: 30_000,
    }),
  });
}
