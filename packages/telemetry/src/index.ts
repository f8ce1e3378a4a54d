export * from "./client";
export * from "./env";
export * from "./health";
export * from "./live";
export * from "./migrations";
export * from "./queries";
export * from "./retention";
export * from "./writer";
