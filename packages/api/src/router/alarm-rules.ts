import { backtestRule, type ReadingCondition } from "@revolv/alarms";
import { alarmRules, devices } from "@revolv/db/schema";
import {
  alarmBacktestInputSchema,
  alarmBacktestSchema,
  alarmRuleIdInputSchema,
  alarmRuleSchema,
  createAlarmRuleSchema,
  listAlarmRulesSchema,
  pageOutputSchema,
  updateAlarmRuleSchema,
} from "@revolv/validators";
import { and, arrayContains, count, desc, eq, ne, type SQL } from "drizzle-orm";
import { shownChannels, storeChannels } from "../alarms/rule-channels";
import { recordAudit } from "../audit";
import { pageOf } from "../listing";
import { createTRPCRouter, requirePermission, TRPCError } from "../trpc";

type RuleRow = typeof alarmRules.$inferSelect;
const shown = ({ channels, ...rule }: RuleRow) => ({ ...rule, channels: shownChannels(channels) });
const notFound = () => new TRPCError({ code: "NOT_FOUND", message: "No alarm rule with this id" });
const tags = ["alarm rules"];

export const alarmRulesRouter = createTRPCRouter({
  list: requirePermission("alarm:read")
    .meta({ openapi: { method: "GET", path: "/alarm-rules", tags, summary: "List alarm rules" } })
    .input(listAlarmRulesSchema)
    .output(pageOutputSchema(alarmRuleSchema))
    .query(async ({ ctx, input }) => {
      const where = and(
        input.enabled === undefined ? undefined : eq(alarmRules.enabled, input.enabled),
        input.severity ? eq(alarmRules.severity, input.severity) : undefined,
      );
      const [items, [totals]] = await Promise.all([
        ctx.db
          .select()
          .from(alarmRules)
          .where(where)
          .orderBy(desc(alarmRules.createdAt), desc(alarmRules.id))
          .limit(input.pageSize)
          .offset((input.page - 1) * input.pageSize),
        ctx.db.select({ total: count() }).from(alarmRules).where(where),
      ]);
      return pageOf(items.map(shown), totals?.total ?? 0, input);
    }),

  get: requirePermission("alarm:read")
    .meta({ openapi: { method: "GET", path: "/alarm-rules/{id}", tags, summary: "Get one alarm rule" } })
    .input(alarmRuleIdInputSchema)
    .output(alarmRuleSchema)
    .query(async ({ ctx, input }) => {
      const [rule] = await ctx.db.select().from(alarmRules).where(eq(alarmRules.id, input.id));
      if (!rule) throw notFound();
      return shown(rule);
    }),

  create: requirePermission("alarm:manage")
    .meta({
      openapi: {
        method: "POST",
        path: "/alarm-rules",
        tags,
        summary: "Create an alarm rule; webhook secrets are stored encrypted and never returned",
      },
    })
    .input(createAlarmRuleSchema)
    .output(alarmRuleSchema)
    .mutation(async ({ ctx, input }) => {
      const channels = storeChannels(input.channels, [], ctx.alarmSecrets);
      return ctx.db.transaction(async (tx) => {
        const [rule] = await tx
          .insert(alarmRules)
          .values({ ...input, channels, createdBy: ctx.principal.userId })
          .returning();
        if (!rule) throw new Error("rule not inserted");
        await recordAudit(tx, ctx, {
          action: "alarm_rule.create",
          targetType: "alarm_rule",
          targetId: rule.id,
          after: shown(rule),
        });
        return shown(rule);
      });
    }),

  update: requirePermission("alarm:manage")
    .meta({ openapi: { method: "PATCH", path: "/alarm-rules/{id}", tags, summary: "Edit an alarm rule" } })
    .input(updateAlarmRuleSchema)
    .output(alarmRuleSchema)
    .mutation(async ({ ctx, input }) => {
      const { id, channels: channelInput, ...changes } = input;
      return ctx.db.transaction(async (tx) => {
        const [before] = await tx.select().from(alarmRules).where(eq(alarmRules.id, id)).for("update");
        if (!before) throw notFound();
        const merged = {
          scope: changes.scope ?? before.scope,
          condition: changes.condition ?? before.condition,
        };
        // The edited fields alone passed validation; the rule as a whole must still be coherent.
        const check = createAlarmRuleSchema.safeParse({
          ...shown(before),
          ...changes,
          ...merged,
          channels: [],
        });
        if (!check.success) {
          throw new TRPCError({
            code: "BAD_REQUEST",
            message: check.error.issues[0]?.message ?? "Invalid rule",
          });
        }
        const channels = channelInput
          ? storeChannels(channelInput, before.channels, ctx.alarmSecrets)
          : undefined;
        const [after] = await tx
          .update(alarmRules)
          .set({ ...changes, ...(channels ? { channels } : {}) })
          .where(eq(alarmRules.id, id))
          .returning();
        if (!after) throw notFound();
        await recordAudit(tx, ctx, {
          action: "alarm_rule.update",
          targetType: "alarm_rule",
          targetId: id,
          before: shown(before),
          after: shown(after),
        });
        return shown(after);
      });
    }),

  delete: requirePermission("alarm:manage")
    .meta({
      openapi: {
        method: "DELETE",
        path: "/alarm-rules/{id}",
        tags,
        summary: "Delete an alarm rule with its alarms and their history",
      },
    })
    .input(alarmRuleIdInputSchema)
    .output(alarmRuleSchema)
    .mutation(async ({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        const [rule] = await tx.delete(alarmRules).where(eq(alarmRules.id, input.id)).returning();
        if (!rule) throw notFound();
        await recordAudit(tx, ctx, {
          action: "alarm_rule.delete",
          targetType: "alarm_rule",
          targetId: rule.id,
          before: shown(rule),
        });
        return shown(rule);
      }),
    ),

  backtest: requirePermission("alarm:manage")
    .meta({
      openapi: {
        method: "POST",
        path: "/alarm-rules/backtest",
        tags,
        summary: "How often a draft rule would have fired over the last 24 h or 7 d of stored telemetry",
      },
    })
    .input(alarmBacktestInputSchema)
    .output(alarmBacktestSchema)
    .mutation(async ({ ctx, input }) => {
      const { condition } = input;
      if (condition.kind === "offline") {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: "The backtest replays readings; an offline rule has none to replay",
        });
      }
      const scope: (SQL | undefined)[] = [
        input.scope.deviceType ? eq(devices.type, input.scope.deviceType) : undefined,
        input.scope.site ? eq(devices.site, input.scope.site) : undefined,
        input.scope.tag ? arrayContains(devices.tags, [input.scope.tag]) : undefined,
        ne(devices.status, "decommissioned"),
      ];
      // A bound on one request's work; a fleet larger than this is sampled by its first devices.
      const inScope = await ctx.db
        .select({ id: devices.id })
        .from(devices)
        .where(and(...scope))
        .limit(5_000);
      return backtestRule(
        ctx.clickhouse,
        { ...input, condition: condition as ReadingCondition },
        inScope.map((d) => d.id),
      );
    }),
});
