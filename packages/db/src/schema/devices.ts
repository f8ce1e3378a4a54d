import { deviceStatuses, deviceTypes, locationSchema } from "@revolv/validators";
import { getTableColumns, sql } from "drizzle-orm";
import {
  check,
  doublePrecision,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createSelectSchema } from "drizzle-zod";
import { z } from "zod";

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
    index("devices_tags_idx").using("gin", t.tags),
    // The device table's sorts (devices.list sortBy), each with the id that breaks its ties, so an
    // index gives the whole order: on the key alone, Postgres sorts every row of a tie group to
    // find a page (the 14,000 never-seen devices first by last seen, 500 per site). The site one
    // serves the site filter too. Name/serial search uses the trigram indexes of migration 0005.
    index("devices_site_id_idx").on(t.site, t.id),
    index("devices_created_id_idx").on(t.createdAt, t.id),
    index("devices_name_id_idx").on(t.name, t.id),
    index("devices_serial_number_id_idx").on(t.serialNumber, t.id),
    index("devices_last_seen_id_idx").on(t.lastSeenAt, t.id),
    // Decommissioning is one fact: the status says it, the timestamp says when. Postgres refuses
    // a row where the two disagree, so checking the status is enough everywhere.
    check(
      "devices_decommissioned_consistent",
      sql`(${t.status} = 'decommissioned') = (${t.decommissionedAt} IS NOT NULL)`,
    ),
  ],
);

/** The columns the API shows: every column but the credential hash, which never leaves the server. */
const { credentialHash: _neverShown, ...publicColumns } = getTableColumns(devices);
export const publicDeviceColumns = publicColumns;

/**
 * A device as the API returns it, derived from the table. A double precision column would read as
 * any 48-bit integer; the location keeps the bounds it was validated with.
 */
export const deviceSchema = createSelectSchema(devices, {
  latitude: () => locationSchema.shape.latitude,
  longitude: () => locationSchema.shape.longitude,
}).omit({ credentialHash: true });
export type Device = z.infer<typeof deviceSchema>;

/** Returned by create and rotate only: the MQTT credential is shown once and stored hashed. */
export const deviceWithCredentialSchema = z.object({
  device: deviceSchema,
  credential: z
    .string()
    .meta({ description: "The device's MQTT password; shown once, store it on the device" }),
});

/** What a device's row stores about decommissioning. */
export type DecommissionRecord = Pick<typeof devices.$inferSelect, "status">;

/** The one check: the broker refuses the device, the worker dead-letters it, the API refuses edits. */
export const isDecommissioned = (device: DecommissionRecord): boolean => device.status === "decommissioned";

/** The one way to record it (with a fresh credential hash, so the old credential is dead). */
export const decommissionedNow = () =>
  ({ status: "decommissioned", decommissionedAt: new Date() }) satisfies Partial<typeof devices.$inferInsert>;
