import { boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Failed and successful sign-ins, keyed by account (the login as typed, lower-cased, whether
 * or not such an account exists) and by client IP. Kept in Postgres rather than memory so the
 * limit holds across every web instance behind the load balancer.
 */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** `account:<login>` or `ip:<address>`. */
    key: text().notNull(),
    succeeded: boolean().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("login_attempts_key_idx").on(t.key, t.createdAt)],
);
