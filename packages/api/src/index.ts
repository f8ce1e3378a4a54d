export { registerFleetMetrics } from "./fleet-metrics";
export { checkHealth, type HealthReport } from "./health";
export { type HttpHandlerOptions, handleRestRequest, handleTrpcRequest } from "./http";
export type { InternalErrorLog } from "./internal-errors";
export { createOpenApiDocument, restPrefix } from "./openapi";
export { createRequestContext, type RequestContextOptions } from "./request-context";
export { type AppRouter, appRouter, createCaller } from "./root";
export type { PipelineQueues, Services } from "./services";
export { type Context, createTRPCContext, type Principal } from "./trpc";
