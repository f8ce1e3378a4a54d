export * from "./client";
export * from "./env";
export * from "./health";
export * from "./migrations";
