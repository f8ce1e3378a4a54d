import { z } from "zod";
import { roleNameSchema } from "./role";
import { emailSchema, passwordSchema, usernameSchema } from "./user";

/**
 * Who may create an account: nobody but admins (`closed`), whoever holds an admin's invitation
 * (`invite`), or anyone (`open`, every new account a viewer). Viewers read the whole fleet, so
 * open sign-up is for operators who want it, never the default.
 */
export const registrationModes = ["closed", "invite", "open"] as const;
export const registrationModeSchema = z.enum(registrationModes);
export type RegistrationMode = z.infer<typeof registrationModeSchema>;
export const defaultRegistrationMode: RegistrationMode = "invite";

export const invitationIdSchema = z.uuid("Unknown invitation id format");

/** `rvi_` and 32 random bytes in base64url, as the server hands it out. */
export const invitationTokenSchema = z
  .string()
  .trim()
  .regex(/^rvi_[A-Za-z0-9_-]{43}$/, "This invitation link is not valid");

export const defaultInvitationTtlDays = 7;

export const createInvitationSchema = z.object({
  email: emailSchema,
  role: roleNameSchema,
  /** How long the link works. */
  expiresInDays: z.number().int().min(1).max(30).default(defaultInvitationTtlDays),
});
export type CreateInvitationInput = z.infer<typeof createInvitationSchema>;

export const invitationSchema = z.object({
  id: invitationIdSchema,
  email: emailSchema,
  role: roleNameSchema,
  invitedBy: z.uuid().nullable(),
  createdAt: z.date(),
  expiresAt: z.date(),
});
export type Invitation = z.infer<typeof invitationSchema>;

/** The token is shown once, here; the server keeps only its hash. */
export const createdInvitationSchema = z.object({
  invitation: invitationSchema,
  token: z.string(),
  /** The path the invitee opens: `/invite/<token>` on the app's origin. */
  path: z.string(),
});

export const invitationListSchema = z.object({ items: z.array(invitationSchema) });

export const invitationIdInputSchema = z.object({ id: invitationIdSchema });

export const acceptInvitationSchema = z.object({
  token: invitationTokenSchema,
  username: usernameSchema,
  password: passwordSchema,
});
export type AcceptInvitationInput = z.infer<typeof acceptInvitationSchema>;
