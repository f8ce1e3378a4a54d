import { z } from "zod";

export const sessionIdSchema = z.uuid("Unknown session id format");

export const sessionSchema = z.object({
  id: sessionIdSchema,
  userId: z.uuid(),
  createdAt: z.date(),
  expiresAt: z.date(),
  revokedAt: z.date().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type Session = z.infer<typeof sessionSchema>;

export const sessionIdInputSchema = z.object({ id: sessionIdSchema });
export const userSessionsInputSchema = z.object({ userId: z.uuid("Unknown user id format") });

/** `current` marks the session the request itself runs under. */
export const sessionListSchema = z.object({ items: z.array(sessionSchema.extend({ current: z.boolean() })) });
