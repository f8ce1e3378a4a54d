import { changeAlarms } from "@revolv/alarms";
import { alarmRules, alarms, alarmTransitions, devices, notificationDeliveries } from "@revolv/db/schema";
import {
  acknowledgeAlarmsSchema,
  alarmActionResultSchema,
  alarmIdSchema,
  alarmLiveEventSchema,
  alarmSchema,
  alarmsLiveInputSchema,
  alarmTransitionSchema,
  clearAlarmsSchema,
  type ListAlarmsInput,
  listAlarmsSchema,
  listNotificationDeliveriesSchema,
  notificationDeliverySchema,
  pageOutputSchema,
} from "@revolv/validators";
import { tracked } from "@trpc/server";
import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  gte,
  inArray,
  isNotNull,
  lte,
  type SQL,
  sql,
} from "drizzle-orm";
import { z } from "zod";
import { openAlarmCount, watchAlarmTransitions } from "../alarms/live";
import { recordAuditMany } from "../audit";
import { pageOf } from "../listing";
import { createTRPCRouter, requirePermission, TRPCError } from "../trpc";
import { alarmRulesRouter } from "./alarm-rules";

const tags = ["alarms"];

const alarmColumns = {
  ...getTableColumns(alarms),
  ruleName: alarmRules.name,
  deviceName: devices.name,
  site: devices.site,
};

function alarmWhere(input: Partial<ListAlarmsInput>): SQL | undefined {
  const status =
    input.status === "open"
      ? inArray(alarms.status, ["active", "acknowledged"])
      : input.status
        ? eq(alarms.status, input.status)
        : isNotNull(alarms.status);
  return and(
    status,
    input.severity ? eq(alarms.severity, input.severity) : undefined,
    input.deviceId ? eq(alarms.deviceId, input.deviceId) : undefined,
    input.site ? eq(devices.site, input.site) : undefined,
    input.ruleId ? eq(alarms.ruleId, input.ruleId) : undefined,
    input.from ? gte(alarms.raisedAt, input.from) : undefined,
    input.to ? lte(alarms.raisedAt, input.to) : undefined,
  );
}

/** Rows of the alarm list as the schema shows them (only rows that ever fired have a status). */
const shownAlarm = <T extends { status: string | null; severity: string | null; raisedAt: Date | null }>(
  row: T,
) => row as T & { status: NonNullable<T["status"]>; severity: NonNullable<T["severity"]>; raisedAt: Date };

export const alarmsRouter = createTRPCRouter({
  rules: alarmRulesRouter,

  list: requirePermission("alarm:read")
    .meta({
      openapi: {
        method: "GET",
        path: "/alarms",
        tags,
        summary: "Alarms, active and unacknowledged first, then by severity and newest",
      },
    })
    .input(listAlarmsSchema)
    .output(pageOutputSchema(alarmSchema))
    .query(async ({ ctx, input }) => {
      const where = alarmWhere(input);
      const statusRank = sql`CASE ${alarms.status} WHEN 'active' THEN 0 WHEN 'acknowledged' THEN 1 ELSE 2 END`;
      const severityRank = sql`CASE ${alarms.severity} WHEN 'critical' THEN 0 WHEN 'major' THEN 1 WHEN 'minor' THEN 2 ELSE 3 END`;
      const [items, [totals]] = await Promise.all([
        ctx.db
          .select(alarmColumns)
          .from(alarms)
          .innerJoin(alarmRules, eq(alarmRules.id, alarms.ruleId))
          .innerJoin(devices, eq(devices.id, alarms.deviceId))
          .where(where)
          .orderBy(asc(statusRank), asc(severityRank), desc(alarms.raisedAt), asc(alarms.id))
          .limit(input.pageSize)
          .offset((input.page - 1) * input.pageSize),
        ctx.db
          .select({ total: count() })
          .from(alarms)
          .innerJoin(devices, eq(devices.id, alarms.deviceId))
          .where(where),
      ]);
      return pageOf(items.map(shownAlarm), totals?.total ?? 0, input);
    }),

  openCount: requirePermission("alarm:read")
    .meta({
      openapi: { method: "GET", path: "/alarms/open-count", tags, summary: "Alarms active or acknowledged" },
    })
    .input(z.object({}).optional())
    .output(z.object({ open: z.number().int() }))
    .query(async ({ ctx }) => ({ open: await openAlarmCount(ctx.db) })),

  transitions: requirePermission("alarm:read")
    .meta({
      openapi: {
        method: "GET",
        path: "/alarms/{id}/transitions",
        tags,
        summary: "Every transition of one alarm (raised, acknowledged, cleared), oldest first",
      },
    })
    .input(z.object({ id: alarmIdSchema }))
    .output(z.array(alarmTransitionSchema))
    .query(async ({ ctx, input }) => {
      const [alarm] = await ctx.db.select({ id: alarms.id }).from(alarms).where(eq(alarms.id, input.id));
      if (!alarm) throw new TRPCError({ code: "NOT_FOUND", message: "No alarm with this id" });
      const { seq: _seq, createdAt: _created, ...columns } = getTableColumns(alarmTransitions);
      return ctx.db
        .select(columns)
        .from(alarmTransitions)
        .where(eq(alarmTransitions.alarmId, input.id))
        .orderBy(asc(alarmTransitions.seq));
    }),

  acknowledge: requirePermission("alarm:ack")
    .meta({
      openapi: {
        method: "POST",
        path: "/alarms/acknowledge",
        tags,
        summary: "Acknowledge active alarms (one or many), with an optional comment",
      },
    })
    .input(acknowledgeAlarmsSchema)
    .output(alarmActionResultSchema)
    .mutation(async ({ ctx, input }) => {
      const { changed, unchanged } = await changeAlarms(ctx.db, "acknowledge", {
        ids: input.ids,
        actorId: ctx.principal.userId,
        comment: input.comment,
      });
      await recordAuditMany(
        ctx.db,
        ctx,
        changed.map((id) => ({
          action: "alarm.acknowledge",
          targetType: "alarm",
          targetId: id,
          after: { comment: input.comment ?? null },
        })),
      );
      return { changed, unchanged };
    }),

  clear: requirePermission("alarm:ack")
    .meta({
      openapi: {
        method: "POST",
        path: "/alarms/clear",
        tags,
        summary: "Clear alarms by hand; a condition still present raises them again",
      },
    })
    .input(clearAlarmsSchema)
    .output(alarmActionResultSchema)
    .mutation(async ({ ctx, input }) => {
      const { changed, unchanged } = await changeAlarms(ctx.db, "clear", {
        ids: input.ids,
        actorId: ctx.principal.userId,
        comment: input.comment,
      });
      await recordAuditMany(
        ctx.db,
        ctx,
        changed.map((id) => ({
          action: "alarm.clear",
          targetType: "alarm",
          targetId: id,
          after: { comment: input.comment ?? null },
        })),
      );
      return { changed, unchanged };
    }),

  deliveries: requirePermission("alarm:read")
    .meta({
      openapi: {
        method: "GET",
        path: "/alarms/deliveries",
        tags,
        summary: "The notification delivery log (webhooks and emails), newest first",
      },
    })
    .input(listNotificationDeliveriesSchema)
    .output(pageOutputSchema(notificationDeliverySchema))
    .query(async ({ ctx, input }) => {
      const where = and(
        input.ruleId ? eq(notificationDeliveries.ruleId, input.ruleId) : undefined,
        input.status ? eq(notificationDeliveries.status, input.status) : undefined,
      );
      const { payload: _payload, lockedUntil: _lease, ...columns } = getTableColumns(notificationDeliveries);
      const [items, [totals]] = await Promise.all([
        ctx.db
          .select(columns)
          .from(notificationDeliveries)
          .where(where)
          .orderBy(desc(notificationDeliveries.createdAt), asc(notificationDeliveries.id))
          .limit(input.pageSize)
          .offset((input.page - 1) * input.pageSize),
        ctx.db.select({ total: count() }).from(notificationDeliveries).where(where),
      ]);
      return pageOf(items, totals?.total ?? 0, input);
    }),

  /**
   * Alarm transitions as server-sent events, each with the open-alarm count (the navigation
   * badge). The event id is the transition's sequence number, so a reconnecting client resumes
   * after what it has. No OpenAPI: REST has no subscriptions.
   */
  live: requirePermission("alarm:read")
    .input(alarmsLiveInputSchema)
    .subscription(async ({ ctx, input, signal }) => {
      const watch = watchAlarmTransitions(
        ctx.db,
        input.lastEventId === undefined ? undefined : Number(input.lastEventId),
        signal,
      );
      return (async function* () {
        for await (const { seq, event } of watch)
          yield tracked(String(seq), alarmLiveEventSchema.parse(event));
        signal?.throwIfAborted();
      })();
    }),
});
