import { peekQueue, takeFromQueue } from "@revolv/queue";
import { queryIngestFlow } from "@revolv/telemetry";
import {
  type DeadLetterSelection,
  deadLetterActionResultSchema,
  deadLetterPageSchema,
  deadLetterScanLimit,
  deadLetterSelectionSchema,
  listDeadLettersSchema,
  type PipelineStatus,
  pipelineStatusSchema,
} from "@revolv/validators";
import { z } from "zod";
import { recordAudit } from "../audit";
import { pageOf } from "../listing";
import { deadLetterOf, newestFirst, selects, withDeviceNames } from "../pipeline/dead-letters";
import { readConnectedDevices, readWorkerInstances } from "../pipeline/fleet-figures";
import { redriveBodyOf } from "../pipeline/redrive-body";
import { readWorkerFigures } from "../pipeline/worker-figures";
import type { PipelineQueues } from "../services";
import { type Context, createTRPCRouter, requirePermission, TRPCError } from "../trpc";

export const queuesNotConfigured =
  "This app is given no queue: set SQS_QUEUE_URL (and SQS_DLQ_URL, unless the queue's redrive policy names its dead-letter queue) for the web app";

function queuesOf(ctx: Pick<Context, "queues">): PipelineQueues {
  if (!ctx.queues) throw new TRPCError({ code: "PRECONDITION_FAILED", message: queuesNotConfigured });
  return ctx.queues;
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function depthOf(queues: PipelineQueues, url: () => Promise<string>): Promise<PipelineStatus["queue"]> {
  try {
    const attributes = await queues.client.attributes(await url(), [
      "ApproximateNumberOfMessages",
      "ApproximateNumberOfMessagesNotVisible",
    ]);
    return {
      available: true,
      visible: Number(attributes.ApproximateNumberOfMessages ?? 0),
      inFlight: Number(attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
    };
  } catch (error) {
    return { available: false, reason: `SQS did not answer: ${reasonOf(error)}` };
  }
}

async function storedFlow(ctx: Pick<Context, "clickhouse">): Promise<PipelineStatus["stored"]> {
  try {
    return { available: true, ...(await queryIngestFlow(ctx.clickhouse)) };
  } catch (error) {
    return { available: false, reason: `ClickHouse did not answer: ${reasonOf(error)}` };
  }
}

/** Audited as one row per action: who (the actor), what, how many, and which messages. */
async function auditDeadLetterAction(
  ctx: Context,
  action: "dead_letters.redrive" | "dead_letters.purge",
  deadLetterQueueUrl: string,
  selection: DeadLetterSelection,
  result: z.infer<typeof deadLetterActionResultSchema> & { messageIds: string[] },
) {
  await recordAudit(ctx.db, ctx, {
    action,
    targetType: "dead_letter_queue",
    targetId: deadLetterQueueUrl.split("/").pop()?.slice(0, 64) ?? null,
    after: {
      selection: selection.messageIds ? "chosen" : "all",
      ...(selection.reason ? { reason: selection.reason } : {}),
      count: result.count,
      failed: result.failed,
      refused: result.refused.length,
      notFound: result.notFound.length,
      // Enough to trace a message; a purge of thousands keeps the count, not every id.
      messageIds: result.messageIds.slice(0, 100),
    },
  });
}

async function takeDeadLetters(
  ctx: Context,
  selection: DeadLetterSelection,
  action: "dead_letters.redrive" | "dead_letters.purge",
) {
  const queues = queuesOf(ctx);
  const deadLetterQueueUrl = await queues.deadLetterQueueUrl();
  const result = await takeFromQueue(queues.client, deadLetterQueueUrl, selects(selection), {
    limit: deadLetterScanLimit,
    sendTo: action === "dead_letters.redrive" ? queues.queueUrl : undefined,
    bodyFor: redriveBodyOf,
  });
  const takenIds = result.taken.map((m) => m.messageId);
  const refused = result.refused.map(({ message, reason }) => ({ messageId: message.messageId, reason }));
  const found = new Set([
    ...takenIds,
    ...result.failed.map((m) => m.messageId),
    ...refused.map((r) => r.messageId),
  ]);
  const outcome = {
    count: result.taken.length,
    failed: result.failed.length,
    refused,
    notFound: (selection.messageIds ?? []).filter((id) => !found.has(id)),
    more: result.more,
  };
  await auditDeadLetterAction(ctx, action, deadLetterQueueUrl, selection, {
    ...outcome,
    messageIds: takenIds,
  });
  return outcome;
}

export const pipelineRouter = createTRPCRouter({
  status: requirePermission("system:read")
    .meta({
      openapi: {
        method: "GET",
        path: "/pipeline/status",
        tags: ["pipeline"],
        summary:
          "Ingest health: queue and dead-letter depth (SQS), stored per minute and publish→stored lag (ClickHouse), the worker's counters and connected devices where the worker and broker run in this process",
      },
    })
    .input(z.object({}).optional())
    .output(pipelineStatusSchema)
    .query(async ({ ctx }) => {
      const queues = ctx.queues;
      const [queue, deadLetterQueue, stored, worker, devices] = await Promise.all([
        queues
          ? depthOf(queues, async () => queues.queueUrl)
          : { available: false as const, reason: queuesNotConfigured },
        queues
          ? depthOf(queues, () => queues.deadLetterQueueUrl())
          : { available: false as const, reason: queuesNotConfigured },
        storedFlow(ctx),
        readWorkerFigures(),
        readConnectedDevices(),
      ]);
      const workerInstances = readWorkerInstances();
      return { queue, deadLetterQueue, stored, worker, devices, workerInstances, checkedAt: new Date() };
    }),

  deadLetters: requirePermission("system:read")
    .meta({
      openapi: {
        method: "GET",
        path: "/pipeline/dead-letters",
        tags: ["pipeline"],
        summary:
          "Dead-lettered messages with their reason, device and time, newest first; read without removing them from the queue",
      },
    })
    .input(listDeadLettersSchema)
    .output(deadLetterPageSchema)
    .query(async ({ ctx, input }) => {
      const queues = queuesOf(ctx);
      const { messages, more } = await peekQueue(queues.client, await queues.deadLetterQueueUrl(), {
        limit: deadLetterScanLimit,
      });
      const letters = messages.map(deadLetterOf);
      const counts = new Map<string, number>();
      for (const letter of letters) counts.set(letter.reason, (counts.get(letter.reason) ?? 0) + 1);
      const chosen = (input.reason ? letters.filter((l) => l.reason === input.reason) : letters).sort(
        newestFirst,
      );
      const start = (input.page - 1) * input.pageSize;
      return {
        ...pageOf(
          await withDeviceNames(ctx.db, chosen.slice(start, start + input.pageSize)),
          chosen.length,
          input,
        ),
        reasons: [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
        more,
      };
    }),

  redrive: requirePermission("system:manage")
    .meta({
      openapi: {
        method: "POST",
        path: "/pipeline/dead-letters/redrive",
        tags: ["pipeline"],
        summary:
          "Send chosen dead letters (or all, or all of one reason) back to the telemetry queue once their cause is fixed: unchanged, or the original payload of a rule error action's letter as the rule would have sent it; one SQS cannot carry is refused with why and kept; audited",
      },
    })
    .input(deadLetterSelectionSchema)
    .output(deadLetterActionResultSchema)
    .mutation(({ ctx, input }) => takeDeadLetters(ctx, input, "dead_letters.redrive")),

  purge: requirePermission("system:manage")
    .meta({
      openapi: {
        method: "POST",
        path: "/pipeline/dead-letters/purge",
        tags: ["pipeline"],
        summary: "Delete chosen dead letters (or all, or all of one reason) for good; audited",
      },
    })
    .input(deadLetterSelectionSchema)
    .output(deadLetterActionResultSchema)
    .mutation(({ ctx, input }) => takeDeadLetters(ctx, input, "dead_letters.purge")),
});
