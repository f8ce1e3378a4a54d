import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { devices } from "./devices";

/**
 * Connectivity events decided in Postgres (went offline by the inactivity sweep, came back on
 * the next message), written in the same statement as the status change they describe and
 * moved to ClickHouse's `device_events` afterwards by the worker's relay. So a process killed
 * between the two stores never loses one or stores it twice: the row id is the event id, and
 * the relay deletes a row only once ClickHouse holds it.
 */
export const deviceEventOutbox = pgTable(
  "device_event_outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    deviceId: uuid()
      .notNull()
      .references(() => devices.id, { onDelete: "cascade" }),
    type: text({ enum: ["went_offline", "came_back"] }).notNull(),
    at: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    detail: text().notNull().default(""),
  },
  (t) => [index("device_event_outbox_at_idx").on(t.at)],
);
