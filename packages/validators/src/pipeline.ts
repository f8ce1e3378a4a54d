import { z } from "zod";
import { pageInputSchema, pageOutputSchema } from "./pagination";

/**
 * The pipeline page and the dead-letter queue. A figure a deployment cannot read is `null` with
 * the reason beside it, never a made-up zero.
 */
export const unavailableSchema = z.object({ available: z.literal(false), reason: z.string() });

/** A dead letter as the queue holds it: the body unchanged, why it was refused in attributes. */
export const deadLetterSchema = z.object({
  /** SQS's id of the dead letter; stable across reads, which is what a selection names. */
  messageId: z.string(),
  /** `invalid_json`, `unknown_device`… as the worker or the bridge set it; `unknown` without one. */
  reason: z.string(),
  detail: z.string(),
  /** The device the body names, when it names one. */
  deviceId: z.string().nullable(),
  /** That device's name in the registry; null when the id is no registered device. */
  deviceName: z.string().nullable(),
  /** When it was dead-lettered (sent to the dead-letter queue). */
  deadLetteredAt: z.date().nullable(),
  /** The start of the body (what was refused), at most `deadLetterBodyPreviewChars`. */
  body: z.string(),
  bodyTruncated: z.boolean(),
  /** How often the dead-letter queue has handed it out (each read of this list counts). */
  receiveCount: z.number().int(),
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;
export const deadLetterBodyPreviewChars = 2_000;

/** How many dead letters one read or action looks at; more stay on the queue for the next. */
export const deadLetterScanLimit = 500;

export const listDeadLettersSchema = pageInputSchema.extend({
  reason: z.string().trim().min(1).max(64).optional(),
});
export type ListDeadLettersInput = z.infer<typeof listDeadLettersSchema>;

export const deadLetterPageSchema = pageOutputSchema(deadLetterSchema).extend({
  /** Dead letters by reason among those read (all of them, not only this page). */
  reasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  /** The read stopped at `deadLetterScanLimit`; the queue holds more than listed. */
  more: z.boolean(),
});

/**
 * Which dead letters an action takes: the chosen ones, or all (of one reason). One object rather
 * than a union, because the REST layer (OpenAPI) describes a request body as an object.
 */
export const deadLetterSelectionSchema = z
  .object({
    messageIds: z.array(z.string().min(1).max(128)).min(1).max(deadLetterScanLimit).optional(),
    all: z.literal(true).optional(),
    /** With `all`: only the dead letters of this reason. */
    reason: z.string().trim().min(1).max(64).optional(),
  })
  .superRefine((selection, ctx) => {
    if (Boolean(selection.messageIds) === Boolean(selection.all))
      ctx.addIssue({
        code: "custom",
        path: ["messageIds"],
        message: "Choose messages, or all: true (not both)",
      });
    if (selection.reason && !selection.all)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "A reason narrows all: true only" });
  });
export type DeadLetterSelection = z.infer<typeof deadLetterSelectionSchema>;

export const deadLetterActionResultSchema = z.object({
  /** Dead letters redriven (sent back to the telemetry queue) or purged. */
  count: z.number().int(),
  /** Chosen ids that were not on the queue (already taken, or being read by someone else). */
  notFound: z.array(z.string()),
  /** Chosen dead letters SQS refused to move or delete; they are still on the queue. */
  failed: z.number().int(),
  /**
   * Chosen dead letters a redrive would not send, each with why (a rule error action's payload
   * SQS cannot carry, so it would only fail again); they are still on the queue.
   */
  refused: z.array(z.object({ messageId: z.string(), reason: z.string() })),
  more: z.boolean(),
});

const queueDepthSchema = z.object({
  available: z.literal(true),
  visible: z.number().int(),
  inFlight: z.number().int(),
});

export const pipelineStatusSchema = z.object({
  queue: z.union([queueDepthSchema, unavailableSchema]),
  deadLetterQueue: z.union([queueDepthSchema, unavailableSchema]),
  /** From ClickHouse: what was stored, by the time it was stored. */
  stored: z.union([
    z.object({
      available: z.literal(true),
      perMinute: z.array(z.object({ t: z.date(), count: z.number().int() })),
      /** From the broker taking the publish to its rows being stored, over the last hour's messages. */
      lagSeconds: z.object({ p50: z.number(), p95: z.number(), max: z.number() }).nullable(),
      /** The newest stored row's store time (within the last day of device time). */
      lastStoredAt: z.date().nullable(),
    }),
    unavailableSchema,
  ]),
  /** The ingest worker's own counters, readable where it runs in this process. */
  worker: z.union([
    z.object({
      available: z.literal(true),
      flushes: z.number().int(),
      messagesStored: z.number().int(),
      insertFailures: z.number().int(),
      deadLetterFailures: z.number().int(),
      receiveFailures: z.number().int(),
      rejected: z.array(z.object({ reason: z.string(), count: z.number().int() })),
      /** Since the worker started: its publish→stored lag histogram's mean. */
      meanLagSeconds: z.number().nullable(),
    }),
    unavailableSchema,
  ]),
  /** From the MQTT broker's gauge, readable where the broker runs in this process. */
  devices: z.union([
    z.object({ available: z.literal(true), connected: z.number().int() }),
    unavailableSchema,
  ]),
  /** Distinct ingest workers seen; no source reports worker identities yet, so always the reason. */
  workerInstances: z.union([
    z.object({ available: z.literal(true), seen: z.number().int() }),
    unavailableSchema,
  ]),
  checkedAt: z.date(),
});
export type PipelineStatus = z.infer<typeof pipelineStatusSchema>;
