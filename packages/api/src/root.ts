import { auditRouter } from "./router/audit";
import { authRouter } from "./router/auth";
import { devicesRouter } from "./router/devices";
import { healthRouter } from "./router/health";
import { sessionsRouter } from "./router/sessions";
import { usersRouter } from "./router/users";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  health: healthRouter,
  auth: authRouter,
  devices: devicesRouter,
  users: usersRouter,
  sessions: sessionsRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
