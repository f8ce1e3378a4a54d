export { createSqsClient, type SqsClientOptions } from "./client";
export { type SqsEmulator, type SqsEmulatorOptions, startSqsEmulator } from "./emulator";
