import { roleNames } from "@revolv/validators";
import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const roles = pgTable("roles", {
  id: uuid().primaryKey().defaultRandom(),
  name: text({ enum: roleNames }).notNull().unique(),
  description: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
