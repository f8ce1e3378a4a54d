export * from "./client";
export * from "./env";
export * from "./schema";
export { type SeedResult, seedDatabase } from "./seed";
