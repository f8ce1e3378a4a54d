import { z } from "zod";
import { pageInputSchema } from "./pagination";

const auditName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z_.]+$/, "Use lower-case letters, '_' and '.' only");

export const listAuditEventsSchema = pageInputSchema.extend({
  actorId: z.uuid("Unknown user id format").optional(),
  /** e.g. `device.create`. */
  action: auditName.optional(),
  targetType: auditName.optional(),
  targetId: z.string().trim().min(1).max(64).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
});
export type ListAuditEventsInput = z.infer<typeof listAuditEventsSchema>;

export const auditEventSchema = z.object({
  id: z.uuid(),
  actorId: z.uuid().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.date(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;
