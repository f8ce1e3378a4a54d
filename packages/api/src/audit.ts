import type { Database } from "@revolv/db/client";
import { auditEvents } from "@revolv/db/schema";
import type { Context } from "./trpc";

/** A transaction handle; audit rows are written in the same transaction as the change. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string | null;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(
  tx: Transaction | Database,
  ctx: Pick<Context, "principal" | "requestId" | "ip">,
  entry: AuditEntry,
): Promise<void> {
  await tx.insert(auditEvents).values({
    actorId: ctx.principal?.userId ?? null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: ctx.requestId,
    ip: ctx.ip,
  });
}

/** One audit row per entry in a single INSERT: a bulk action on 500 devices is one round trip. */
export async function recordAuditMany(
  tx: Transaction | Database,
  ctx: Pick<Context, "principal" | "requestId" | "ip">,
  entries: AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(auditEvents).values(
    entries.map((entry) => ({
      actorId: ctx.principal?.userId ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      before: entry.before ?? null,
      after: entry.after ?? null,
      requestId: ctx.requestId,
      ip: ctx.ip,
    })),
  );
}
