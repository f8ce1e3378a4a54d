import { z } from "zod";
import { pageInputSchema } from "./pagination";
import { roleNameSchema } from "./role";

export const usernameSchema = z
  .string()
  .trim()
  .min(3, "Username must be at least 3 characters")
  .max(64, "Username must be at most 64 characters")
  .regex(/^[a-zA-Z0-9._-]+$/, "Username may contain letters, digits, '.', '_' and '-' only");

export const emailSchema = z.email("Enter a valid email address").trim().toLowerCase().max(254);

/** Long passphrases are welcome; the cap stops hashing from being used as a denial of service. */
export const passwordSchema = z
  .string()
  .min(12, "Password must be at least 12 characters")
  .max(256, "Password must be at most 256 characters");

export const userIdSchema = z.uuid("Unknown user id format");

export const createUserSchema = z.object({
  username: usernameSchema,
  email: emailSchema,
  password: passwordSchema,
  role: roleNameSchema,
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const registerUserSchema = createUserSchema.omit({ role: true });
export type RegisterUserInput = z.infer<typeof registerUserSchema>;

export const credentialsSchema = z.object({
  /** Email or username. */
  login: z.string().trim().min(1, "Enter your email or username").max(254),
  password: z.string().min(1, "Enter your password").max(256),
});
export type CredentialsInput = z.infer<typeof credentialsSchema>;

export const userIdInputSchema = z.object({ id: userIdSchema });

export const listUsersSchema = pageInputSchema.extend({
  role: roleNameSchema.optional(),
  status: z.enum(["active", "disabled"]).optional(),
  /** Matches username or email. */
  search: z.string().trim().max(120).optional(),
});
export type ListUsersInput = z.infer<typeof listUsersSchema>;

export const updateUserRoleSchema = z.object({ id: userIdSchema, role: roleNameSchema });

export const accessTokenSchema = z.object({
  token: z.string(),
  tokenType: z.literal("Bearer"),
  expiresAt: z.date(),
  sessionId: z.uuid(),
});

/** The current password is checked, not validated: an old password may predate today's rules. */
export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, "Enter your current password").max(256),
  newPassword: passwordSchema,
});
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
