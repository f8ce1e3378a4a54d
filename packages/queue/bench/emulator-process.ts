/**
 * fauxqs in a process of its own for the client benchmark, so the CPU the benchmark measures is
 * the clients' alone. Tells its parent the queue over IPC; goes when the parent goes.
 */
import { startSqsEmulator } from "../src/emulator";

const emulator = await startSqsEmulator({ port: 0, maxReceiveCount: 1_000 });
process.send?.({ endpoint: emulator.endpoint, region: emulator.region, queueUrl: emulator.queueUrl });
const stop = () => void emulator.stop().finally(() => process.exit(0));
process.once("disconnect", stop);
process.once("SIGTERM", stop);
