/**
 * fauxqs in a process of its own, as SQS is to the worker: it outlives every worker the chaos
 * run kills. Short visibility so a killed worker's messages come back soon; many receives
 * allowed so SQS never dead-letters them on its own.
 */
import { startSqsEmulator } from "@revolv/queue/emulator";

const emulator = await startSqsEmulator({ port: 0, visibilityTimeoutSeconds: 2, maxReceiveCount: 1_000 });
process.send?.({
  type: "ready",
  endpoint: emulator.endpoint,
  region: emulator.region,
  queueUrl: emulator.queueUrl,
  deadLetterQueueUrl: emulator.deadLetterQueueUrl,
});
// Goes when its parent goes, even if the parent was killed.
process.once("disconnect", () => void emulator.stop().finally(() => process.exit(0)));
process.once("SIGTERM", () => void emulator.stop().finally(() => process.exit(0)));
