export { checkHealth, type HealthReport } from "./health";
export { type AppRouter, appRouter, createCaller } from "./root";
export type { Services } from "./services";
export { type Context, createTRPCContext } from "./trpc";
