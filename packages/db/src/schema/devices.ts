import { deviceStatuses, deviceTypes } from "@revolv/validators";
import { sql } from "drizzle-orm";
import { doublePrecision, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const devices = pgTable(
  "devices",
  {
    id: uuid().primaryKey().defaultRandom(),
    type: text({ enum: deviceTypes }).notNull(),
    serialNumber: text().notNull(),
    name: text().notNull(),
    site: text().notNull(),
    latitude: doublePrecision(),
    longitude: doublePrecision(),
    firmwareVersion: text(),
    status: text({ enum: deviceStatuses }).notNull().default("provisioned"),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    /** SHA-256 of the device's MQTT credential; the credential itself is shown once. */
    credentialHash: text().notNull(),
    credentialRotatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
    decommissionedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("devices_serial_unique").on(t.type, t.serialNumber),
    index("devices_status_idx").on(t.status),
    index("devices_site_idx").on(t.site),
    index("devices_created_idx").on(t.createdAt),
    index("devices_tags_idx").using("gin", t.tags),
  ],
);
