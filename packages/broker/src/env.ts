import { sqsEnvSchema, sqsQueueUrlSchema, unsetWhenBlank } from "@revolv/env";
import { z } from "zod";

const port = z.coerce.number().int().min(0).max(65_535);

/** The edge's configuration, merged into the server's env schema (parsed once at start-up). */
export const edgeEnvSchema = z
  .object({
    MQTT_PORT: port.default(1883),
    MQTT_HOST: z.string().min(1).default("0.0.0.0"),
    /** The embedded fauxqs port; unused when SQS_QUEUE_URL points at a real queue. */
    SQS_PORT: port.default(4566),
    /** Unset, the edge starts the embedded fauxqs and its queues. */
    SQS_QUEUE_URL: unsetWhenBlank(sqsQueueUrlSchema),
    SQS_MAX_RECEIVE_COUNT: z.coerce.number().int().min(1).max(1000).default(5),
  })
  .extend(sqsEnvSchema.shape);
export type EdgeEnv = z.infer<typeof edgeEnvSchema>;

export interface EdgeConfig {
  mqtt: { port: number; host: string };
  sqs:
    | {
        kind: "emulator";
        port: number;
        region: string;
        maxReceiveCount: number;
        /** Where fauxqs persists its queues; unset, in memory. */
        dataDir?: string | undefined;
      }
    | { kind: "queue"; queueUrl: string; endpoint?: string; region: string };
}

/** `emulatorDataDir`: where the embedded fauxqs keeps its queues (the stack's `DATA_DIR/sqs`). */
export function edgeConfigFrom(
  env: EdgeEnv,
  { emulatorDataDir }: { emulatorDataDir?: string } = {},
): EdgeConfig {
  return {
    mqtt: { port: env.MQTT_PORT, host: env.MQTT_HOST },
    sqs: env.SQS_QUEUE_URL
      ? { kind: "queue", queueUrl: env.SQS_QUEUE_URL, endpoint: env.SQS_ENDPOINT, region: env.AWS_REGION }
      : {
          kind: "emulator",
          port: env.SQS_PORT,
          region: env.AWS_REGION,
          maxReceiveCount: env.SQS_MAX_RECEIVE_COUNT,
          dataDir: emulatorDataDir,
        },
  };
}
