import { randomBytes } from "node:crypto";
import { roleDescriptions, roleNames } from "@revolv/validators";
import { eq } from "drizzle-orm";
import type { Database } from "./client";
import { auditEvents, roles, users } from "./schema";

export interface SeedOptions {
  hashPassword: (password: string) => Promise<string>;
  adminEmail?: string | undefined;
  adminUsername?: string | undefined;
  /** When absent a strong password is generated and returned so the caller can show it once. */
  adminPassword?: string | undefined;
}

export interface SeedResult {
  rolesCreated: number;
  admin?: { email: string; username: string; generatedPassword?: string };
}

/** Idempotent: creates missing roles, and the first admin only while no admin exists. */
export async function seedDatabase(db: Database, options: SeedOptions): Promise<SeedResult> {
  const created = await db
    .insert(roles)
    .values(roleNames.map((name) => ({ name, description: roleDescriptions[name] })))
    .onConflictDoNothing({ target: roles.name })
    .returning({ id: roles.id });

  const [adminRole] = await db.select().from(roles).where(eq(roles.name, "admin"));
  if (!adminRole) throw new Error("admin role missing after seeding roles");

  const [existingAdmin] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.roleId, adminRole.id))
    .limit(1);
  if (existingAdmin) return { rolesCreated: created.length };

  const email = (options.adminEmail ?? "admin@revolv.local").toLowerCase();
  const username = options.adminUsername ?? "admin";
  const generatedPassword = options.adminPassword ? undefined : generatePassword();
  const password = options.adminPassword ?? (generatedPassword as string);

  const [admin] = await db
    .insert(users)
    .values({ email, username, passwordHash: await options.hashPassword(password), roleId: adminRole.id })
    .returning({ id: users.id });
  await db.insert(auditEvents).values({
    action: "user.seed_admin",
    targetType: "user",
    targetId: admin?.id,
    after: { email, username, role: "admin" },
  });

  return {
    rolesCreated: created.length,
    admin: generatedPassword ? { email, username, generatedPassword } : { email, username },
  };
}

function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}
