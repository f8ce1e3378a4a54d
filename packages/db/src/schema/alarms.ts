import type {
  AlarmCondition,
  AlarmScope,
  AlarmSeverity,
  AlarmStatus,
  AlarmTransitionKind,
} from "@revolv/validators";
import { sql } from "drizzle-orm";
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { devices } from "./devices";
import { users } from "./users";

/** A rule's channel as stored: the webhook's secret only as AES-GCM ciphertext (see @revolv/alarms). */
export type StoredAlarmChannel =
  | { kind: "webhook"; id: string; url: string; secretCiphertext: string }
  | { kind: "email"; id: string; to: string[] };

export const alarmRules = pgTable(
  "alarm_rules",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    description: text().notNull().default(""),
    enabled: boolean().notNull().default(true),
    severity: text().$type<AlarmSeverity>().notNull(),
    scope: jsonb().$type<AlarmScope>().notNull().default({}),
    condition: jsonb().$type<AlarmCondition>().notNull(),
    channels: jsonb().$type<StoredAlarmChannel[]>().notNull().default([]),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [index("alarm_rules_enabled_idx").on(t.enabled)],
);

/**
 * The alarm state of one (rule, device): exactly one row per pair (the unique index), locked
 * while a transition is decided, so any number of evaluators agree on one active alarm.
 * `phase` is the condition's state as the evaluator sees it (normal, pending since
 * `conditionSince`, raised); `status` is the alarm's lifecycle, null until it first fires.
 * `lastReadingAt` is the newest reading applied: older or repeated readings (a redelivery) are
 * skipped, which is what makes evaluating a batch twice harmless. `conditionValue` is the value
 * of the reading that began the streak: a hold promoted by the periodic check (a device that
 * reports only on change sends nothing more) is raised with it.
 */
export const alarms = pgTable(
  "alarms",
  {
    id: uuid().primaryKey().defaultRandom(),
    ruleId: uuid()
      .notNull()
      .references(() => alarmRules.id, { onDelete: "cascade" }),
    deviceId: uuid()
      .notNull()
      .references(() => devices.id, { onDelete: "cascade" }),
    phase: text({ enum: ["normal", "pending", "raised"] })
      .notNull()
      .default("normal"),
    conditionSince: timestamp({ withTimezone: true }),
    conditionValue: doublePrecision(),
    lastReadingAt: timestamp({ withTimezone: true }),
    status: text().$type<AlarmStatus>(),
    severity: text().$type<AlarmSeverity>(),
    raisedAt: timestamp({ withTimezone: true }),
    raisedValue: doublePrecision(),
    raiseCount: integer().notNull().default(0),
    acknowledgedAt: timestamp({ withTimezone: true }),
    acknowledgedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    ackComment: text(),
    clearedAt: timestamp({ withTimezone: true }),
    clearedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    clearReason: text({ enum: ["condition", "manual"] }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("alarms_rule_device_unique").on(t.ruleId, t.deviceId),
    index("alarms_status_idx").on(t.status, t.raisedAt),
    index("alarms_device_idx").on(t.deviceId),
    // The periodic hold promotion reads only the pending rows, a handful among rules x devices.
    index("alarms_pending_idx").on(t.conditionSince).where(sql`${t.phase} = 'pending'`),
  ],
);

/**
 * Every transition of every alarm, append-only: the alarm's audit trail and the outbox's
 * source. Ids of evaluator transitions derive from (rule, device, kind, the triggering reading's
 * time), so a transition decided twice (two workers, a redelivered batch) is stored once.
 * `seq` orders the live stream.
 */
export const alarmTransitions = pgTable(
  "alarm_transitions",
  {
    id: text().primaryKey(),
    seq: integer().generatedAlwaysAsIdentity(),
    alarmId: uuid()
      .notNull()
      .references(() => alarms.id, { onDelete: "cascade" }),
    ruleId: uuid()
      .notNull()
      .references(() => alarmRules.id, { onDelete: "cascade" }),
    deviceId: uuid()
      .notNull()
      .references(() => devices.id, { onDelete: "cascade" }),
    kind: text().$type<AlarmTransitionKind>().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    actorId: uuid().references(() => users.id, { onDelete: "set null" }),
    comment: text(),
    value: doublePrecision(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("alarm_transitions_seq_unique").on(t.seq),
    index("alarm_transitions_alarm_idx").on(t.alarmId, t.at),
  ],
);

/**
 * The notification outbox and delivery log in one: a row per (transition, channel), written in
 * the transition's transaction, drained by the dispatcher. `lockedUntil` is a lease, so several
 * dispatchers share the work and a dispatcher that died mid-send is taken over after it.
 */
export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    id: text().primaryKey(),
    transitionId: text()
      .notNull()
      .references(() => alarmTransitions.id, { onDelete: "cascade" }),
    ruleId: uuid()
      .notNull()
      .references(() => alarmRules.id, { onDelete: "cascade" }),
    channelId: uuid().notNull(),
    kind: text({ enum: ["webhook", "email"] }).notNull(),
    target: text().notNull(),
    /** The exact body sent (webhook JSON, or the email as JSON), so every retry signs and sends the same bytes. */
    payload: text().notNull(),
    status: text({ enum: ["pending", "delivered", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).defaultNow(),
    lockedUntil: timestamp({ withTimezone: true }),
    lastStatus: integer(),
    lastError: text(),
    deliveredAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("notification_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("notification_deliveries_rule_idx").on(t.ruleId, t.createdAt),
    // The retention prune's range (pruneDeliveries): finished rows by age, without a table scan.
    index("notification_deliveries_finished_created_idx")
      .on(t.createdAt)
      .where(sql`${t.status} in ('delivered', 'failed')`),
  ],
);
