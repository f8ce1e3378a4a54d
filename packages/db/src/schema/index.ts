export * from "./audit-events";
export * from "./devices";
export * from "./invitations";
export * from "./login-attempts";
export * from "./roles";
export * from "./sessions";
export * from "./users";
