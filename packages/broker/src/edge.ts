import type { Database } from "@revolv/db/client";
import { createQueueClient, resolveDeadLetterQueue } from "@revolv/queue";
import { type SqsEmulator, startSqsEmulator } from "@revolv/queue/emulator";
import { createSqsBatcher, type SqsBatcher } from "./bridge/sqs-batcher";
import { createTelemetryBridge, type TelemetryBridge } from "./bridge/telemetry-bridge";
import { createDeviceAuthenticator, deviceCredentialLookup } from "./devices/device-authenticator";
import type { EdgeConfig } from "./env";
import { registerEdgeMetrics } from "./metrics";
import { type DeviceBroker, startDeviceBroker } from "./mqtt/device-broker";

export interface DeviceEdge {
  mqttPort: number;
  /** Where the queue lives, for the ingest worker. */
  sqs: { endpoint?: string; region: string; queueUrl: string; deadLetterQueueUrl?: string };
  broker: DeviceBroker;
  batcher: SqsBatcher;
  bridge: TelemetryBridge;
  /** Stops the broker (acking what SQS took), flushes the bridge; the emulator stays up until stopQueue. */
  stopBroker(): Promise<void>;
  /** Stops the embedded SQS emulator, if this edge started one. Call after the worker drained. */
  stopQueue(): Promise<void>;
}

export interface StartDeviceEdgeOptions {
  db: Database;
  config: EdgeConfig;
  /**
   * Where the bridge dead-letters publishes SQS refuses (`SQS_DLQ_URL`); unset, the emulator's
   * or the one the queue's redrive policy names.
   */
  deadLetterQueueUrl?: string | undefined;
  /**
   * Whether device connects and disconnects go onto the queue as AWS IoT Core's lifecycle
   * events (the second topic rule). On by default; tests about telemetry alone turn it off.
   */
  lifecycleEvents?: boolean;
  log?: (line: string) => void;
}

/**
 * The device edge of the embedded stack: fauxqs (unless a real queue URL is configured),
 * the MQTT → SQS bridge and the aedes broker, started in that order so the broker never
 * accepts a publish it has nowhere to put.
 */
export async function startDeviceEdge({
  db,
  config,
  deadLetterQueueUrl,
  lifecycleEvents = true,
  log = () => {},
}: StartDeviceEdgeOptions): Promise<DeviceEdge> {
  let emulator: SqsEmulator | undefined;
  let sqsTarget: DeviceEdge["sqs"];
  if (config.sqs.kind === "emulator") {
    emulator = await startSqsEmulator({
      port: config.sqs.port,
      region: config.sqs.region,
      maxReceiveCount: config.sqs.maxReceiveCount,
      dataDir: config.sqs.dataDir,
    });
    sqsTarget = {
      endpoint: emulator.endpoint,
      region: emulator.region,
      queueUrl: emulator.queueUrl,
      deadLetterQueueUrl: emulator.deadLetterQueueUrl,
    };
    log(
      `sqs: fauxqs emulator on :${emulator.port} (${emulator.dataDir ? `queues kept in ${emulator.dataDir}` : "in memory"}), queue ${emulator.queueUrl}`,
    );
  } else {
    sqsTarget = { endpoint: config.sqs.endpoint, region: config.sqs.region, queueUrl: config.sqs.queueUrl };
    log(`sqs: ${config.sqs.queueUrl}`);
  }

  const queue = createQueueClient({ endpoint: sqsTarget.endpoint, region: sqsTarget.region });
  const batcher = createSqsBatcher({ queue, queueUrl: sqsTarget.queueUrl });
  const bridge = createTelemetryBridge({
    batcher,
    queue,
    queueUrl: sqsTarget.queueUrl,
    deadLetterQueueUrl: () =>
      resolveDeadLetterQueue(queue, sqsTarget.queueUrl, deadLetterQueueUrl ?? sqsTarget.deadLetterQueueUrl),
  });
  const broker = await startDeviceBroker({
    port: config.mqtt.port,
    host: config.mqtt.host,
    authenticateDevice: createDeviceAuthenticator({ lookup: deviceCredentialLookup(db) }),
    forwardTelemetry: bridge.forward,
    // As the lifecycle topic rule does: the event's JSON as it is, on the telemetry queue.
    ...(lifecycleEvents && { publishLifecycle: (event) => batcher.send(JSON.stringify(event)) }),
    log,
  });
  log(`mqtt: aedes broker on :${broker.port} (MQTT 3.1.1, device credentials)`);
  const unregisterMetrics = registerEdgeMetrics({
    broker: broker.metrics,
    batcher: batcher.metrics,
    bridge: bridge.metrics,
  });

  let brokerStopped = false;
  return {
    mqttPort: broker.port,
    sqs: sqsTarget,
    broker,
    batcher,
    bridge,
    async stopBroker() {
      if (brokerStopped) return;
      brokerStopped = true;
      await broker.stop();
      unregisterMetrics();
      await batcher.flush();
      await queue.close();
    },
    async stopQueue() {
      await emulator?.stop();
    },
  };
}
