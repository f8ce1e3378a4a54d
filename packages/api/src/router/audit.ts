import { auditEvents } from "@revolv/db/schema";
import { auditEventSchema, listAuditEventsSchema, pageOutputSchema } from "@revolv/validators";
import { and, count, desc, eq, gte, lte, type SQL } from "drizzle-orm";
import { pageOf } from "../listing";
import { createTRPCRouter, requirePermission } from "../trpc";

export const auditRouter = createTRPCRouter({
  list: requirePermission("audit:read")
    .meta({
      openapi: {
        method: "GET",
        path: "/audit-events",
        tags: ["audit"],
        summary: "The audit trail, newest first",
      },
    })
    .input(listAuditEventsSchema)
    .output(pageOutputSchema(auditEventSchema))
    .query(async ({ ctx, input }) => {
      const filters: (SQL | undefined)[] = [
        input.actorId ? eq(auditEvents.actorId, input.actorId) : undefined,
        input.action ? eq(auditEvents.action, input.action) : undefined,
        input.targetType ? eq(auditEvents.targetType, input.targetType) : undefined,
        input.targetId ? eq(auditEvents.targetId, input.targetId) : undefined,
        input.from ? gte(auditEvents.createdAt, input.from) : undefined,
        input.to ? lte(auditEvents.createdAt, input.to) : undefined,
      ];
      const where = and(...filters);
      const [items, [totals]] = await Promise.all([
        ctx.db
          .select()
          .from(auditEvents)
          .where(where)
          .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
          .limit(input.pageSize)
          .offset((input.page - 1) * input.pageSize),
        ctx.db.select({ total: count() }).from(auditEvents).where(where),
      ]);
      return pageOf(items, totals?.total ?? 0, input);
    }),
});
