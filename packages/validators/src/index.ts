export * from "./device";
export * from "./issues";
export * from "./pagination";
export * from "./role";
export * from "./session";
export * from "./telemetry";
export * from "./user";
