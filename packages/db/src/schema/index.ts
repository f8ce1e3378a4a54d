export * from "./audit-events";
export * from "./devices";
export * from "./roles";
export * from "./sessions";
export * from "./users";
