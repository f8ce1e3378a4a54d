import { alarmsRouter } from "./router/alarms";
import { auditRouter } from "./router/audit";
import { authRouter } from "./router/auth";
import { devicesRouter } from "./router/devices";
import { fleetRouter } from "./router/fleet";
import { healthRouter } from "./router/health";
import { pipelineRouter } from "./router/pipeline";
import { sessionsRouter } from "./router/sessions";
import { telemetryRouter } from "./router/telemetry";
import { usersRouter } from "./router/users";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  health: healthRouter,
  auth: authRouter,
  devices: devicesRouter,
  users: usersRouter,
  sessions: sessionsRouter,
  audit: auditRouter,
  telemetry: telemetryRouter,
  fleet: fleetRouter,
  alarms: alarmsRouter,
  pipeline: pipelineRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
