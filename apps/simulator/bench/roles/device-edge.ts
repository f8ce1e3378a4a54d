/** The production-shaped edge: aedes with device auth against Postgres, and the MQTT → SQS bridge. */
import { startDeviceEdge } from "@revolv/broker";
import { createDatabase } from "@revolv/db";
import { tell } from "../processes";

const env = process.env as Record<string, string>;
const database = createDatabase({ kind: "pg", url: env.DATABASE_URL as string });
const edge = await startDeviceEdge({
  db: database.db,
  config: {
    mqtt: { port: 0, host: "127.0.0.1" },
    sqs: {
      kind: "queue",
      queueUrl: env.SQS_QUEUE_URL as string,
      endpoint: env.SQS_ENDPOINT,
      region: "us-east-1",
    },
  },
});
tell({ type: "ready", mqttPort: edge.mqttPort });
process.on("SIGTERM", async () => {
  await edge.stopBroker();
  await database.close();
  process.exit(0);
});
