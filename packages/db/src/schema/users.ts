import { emailSchema, roleNameSchema, usernameSchema } from "@revolv/validators";
import { getTableColumns, sql } from "drizzle-orm";
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createSelectSchema } from "drizzle-zod";
import type { z } from "zod";
import { roles } from "./roles";

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    username: text().notNull(),
    email: text().notNull(),
    passwordHash: text().notNull(),
    roleId: uuid()
      .notNull()
      .references(() => roles.id, { onDelete: "restrict" }),
    disabled: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    // Case-insensitive uniqueness: "Alice" and "alice" are the same login.
    uniqueIndex("users_username_unique").on(sql`lower(${t.username})`),
    uniqueIndex("users_email_unique").on(sql`lower(${t.email})`),
    index("users_role_idx").on(t.roleId),
  ],
);

/**
 * A user as the API shows them: the table's columns without the password hash, and the role by
 * name (joined from `roles`) instead of its id. Username and email keep the rules they were
 * created under, so the API documents them.
 */
export const userSchema = createSelectSchema(users, { username: usernameSchema, email: emailSchema })
  .omit({ passwordHash: true, roleId: true })
  .extend({ role: roleNameSchema });
export type User = z.infer<typeof userSchema>;

const { passwordHash: _neverShown, roleId: _joined, ...publicColumns } = getTableColumns(users);
/** The columns for `userSchema`, to select from `users` joined with `roles`. */
export const publicUserColumns = { ...publicColumns, role: roles.name };
