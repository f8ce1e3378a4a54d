/** fauxqs in a process of its own, off every other part's event loop. */
import { startSqsEmulator } from "@revolv/queue/emulator";
import { tell } from "../processes";

const emulator = await startSqsEmulator({
  port: 0,
  maxReceiveCount: Number(process.env.BENCH_MAX_RECEIVE_COUNT ?? 5),
});
tell({
  type: "ready",
  endpoint: emulator.endpoint,
  region: emulator.region,
  queueUrl: emulator.queueUrl,
  deadLetterQueueUrl: emulator.deadLetterQueueUrl,
});
process.on("SIGTERM", () => void emulator.stop().then(() => process.exit(0)));
