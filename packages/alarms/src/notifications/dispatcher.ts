import { setTimeout as sleep } from "node:timers/promises";
import { type Database, queryRows } from "@revolv/db/client";
import { alarmRules, notificationDeliveries } from "@revolv/db/schema";
import { eq, sql } from "drizzle-orm";
import type { EmailPayload } from "./payload";
import { pruneDeliveries } from "./prune";
import type { SecretBox } from "./secret-box";
import { type AttemptResult, type EmailSender, sendWebhook } from "./senders";

export interface DispatcherOptions {
  db: Database;
  /** Opens webhook secrets; without it (no ALARM_SECRETS_KEY in production) webhooks fail with that reason. */
  secrets: SecretBox | undefined;
  sendEmail: EmailSender;
  /** Attempts before a delivery is marked failed. */
  maxAttempts?: number;
  /** First retry after about this; doubling per attempt, with jitter, up to `maxBackoffMs`. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** One attempt's limit; a receiver that never answers fails the attempt after it. */
  attemptTimeoutMs?: number;
  /** How often the outbox is polled when nobody calls `wake()`. */
  pollMs?: number;
  /** Deliveries claimed per round. */
  batchSize?: number;
  /** Delivered and failed deliveries older than this are deleted (30 days). */
  retentionMs?: number;
  /** How often that is done (hourly). */
  pruneEveryMs?: number;
  log?: (line: string) => void;
}

export interface NotificationDispatcher {
  /** A transition was just stored: look at the outbox now rather than at the next poll. */
  wake(): void;
  stop(): Promise<void>;
}

interface ClaimedDelivery {
  id: string;
  transition_id: string;
  rule_id: string;
  channel_id: string;
  kind: "webhook" | "email";
  target: string;
  payload: string;
  attempts: number;
  created_at: string | Date;
}

/** Exponential backoff with jitter: between half and all of base·2^(attempt-1), capped. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

/**
 * Drains the notification outbox: claims due deliveries under a lease (`FOR UPDATE SKIP
 * LOCKED`, so several dispatchers never send one delivery at once, and one that died is
 * taken over when the lease ends), sends each, and records the attempt. It runs beside the
 * ingest loop and never inside it: a receiver that hangs costs this loop, not ingestion.
 */
export function startNotificationDispatcher(options: DispatcherOptions): NotificationDispatcher {
  const {
    db,
    secrets,
    sendEmail,
    maxAttempts = 6,
    baseBackoffMs = 2_000,
    maxBackoffMs = 5 * 60_000,
    attemptTimeoutMs = 10_000,
    pollMs = 1_000,
    batchSize = 10,
    retentionMs = 30 * 24 * 3_600_000,
    pruneEveryMs = 3_600_000,
    log = (line: string) => console.log(`[alarms] ${line}`),
  } = options;
  const stopping = new AbortController();
  let wakeUp: (() => void) | undefined;
  let woken = false;
  const leaseMs = attemptTimeoutMs * 2 + 5_000;

  async function claim(): Promise<ClaimedDelivery[]> {
    return queryRows<ClaimedDelivery>(
      db,
      sql`UPDATE notification_deliveries
          SET locked_until = now() + make_interval(secs => ${leaseMs / 1000}), attempts = attempts + 1
          WHERE id IN (
            SELECT id FROM notification_deliveries
            WHERE status = 'pending' AND next_attempt_at <= now()
              AND (locked_until IS NULL OR locked_until < now())
            ORDER BY next_attempt_at, created_at LIMIT ${batchSize}
            FOR UPDATE SKIP LOCKED)
          RETURNING id, transition_id, rule_id, channel_id, kind, target, payload, attempts, created_at`,
    ).then((rows) =>
      rows.sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime()),
    );
  }

  async function webhookSecret(ruleId: string, channelId: string): Promise<string | null> {
    const [rule] = await db
      .select({ channels: alarmRules.channels })
      .from(alarmRules)
      .where(eq(alarmRules.id, ruleId));
    const channel = rule?.channels.find((c) => c.id === channelId);
    return channel?.kind === "webhook" ? (secrets?.open(channel.secretCiphertext) ?? null) : null;
  }

  async function attempt(delivery: ClaimedDelivery): Promise<AttemptResult> {
    if (delivery.kind === "email") {
      return sendEmail(JSON.parse(delivery.payload) as EmailPayload, delivery.transition_id);
    }
    if (!secrets)
      return { ok: false, status: null, error: "ALARM_SECRETS_KEY is not set: webhooks cannot be signed" };
    const secret = await webhookSecret(delivery.rule_id, delivery.channel_id);
    if (secret === null) return { ok: false, status: null, error: "the rule no longer has this webhook" };
    return sendWebhook(delivery.target, delivery.payload, secret, delivery.transition_id, attemptTimeoutMs);
  }

  async function deliver(delivery: ClaimedDelivery) {
    const result = await attempt(delivery).catch(
      (error: unknown): AttemptResult => ({ ok: false, status: null, error: String(error) }),
    );
    const common = { lastStatus: result.status, lastError: result.error, lockedUntil: null };
    if (result.ok) {
      await db
        .update(notificationDeliveries)
        .set({ ...common, status: "delivered", deliveredAt: new Date(), nextAttemptAt: null })
        .where(eq(notificationDeliveries.id, delivery.id));
      return;
    }
    const failed = delivery.attempts >= maxAttempts;
    await db
      .update(notificationDeliveries)
      .set({
        ...common,
        status: failed ? "failed" : "pending",
        nextAttemptAt: failed
          ? null
          : new Date(Date.now() + backoffMs(delivery.attempts, baseBackoffMs, maxBackoffMs)),
      })
      .where(eq(notificationDeliveries.id, delivery.id));
    log(
      `${delivery.kind} to ${delivery.target} attempt ${delivery.attempts} failed (${result.error})${failed ? "; giving up" : ""}`,
    );
  }

  async function loop() {
    while (!stopping.signal.aborted) {
      let claimed: ClaimedDelivery[] = [];
      try {
        claimed = await claim();
        // Channels in parallel; one channel's deliveries in the order of their transitions, so a
        // receiver hears "raised" before "acknowledged" (each body carries its time regardless).
        const byChannel = new Map<string, ClaimedDelivery[]>();
        for (const d of claimed) {
          const key = `${d.rule_id}:${d.channel_id}`;
          byChannel.set(key, [...(byChannel.get(key) ?? []), d]);
        }
        await Promise.all(
          [...byChannel.values()].map(async (queue) => {
            for (const delivery of queue) await deliver(delivery);
          }),
        );
      } catch (error) {
        log(
          `notification round failed, retried at the next: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      if (claimed.length === batchSize || woken) {
        woken = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        sleep(pollMs, undefined, { signal: stopping.signal }).then(resolve, resolve);
      });
      wakeUp = undefined;
    }
  }

  /** Beside the delivery loop, so a slow delete over a backlog never holds up a notification. */
  async function pruneLoop() {
    while (!stopping.signal.aborted) {
      try {
        const pruned = await pruneDeliveries(db, retentionMs);
        if (pruned > 0) log(`pruned ${pruned} finished deliveries older than the retention`);
      } catch (error) {
        log(
          `pruning deliveries failed, retried at the next: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      await sleep(pruneEveryMs, undefined, { signal: stopping.signal }).catch(() => {});
    }
  }
  const running = Promise.all([loop(), pruneLoop()]);

  return {
    wake() {
      woken = true;
      wakeUp?.();
    },
    async stop() {
      stopping.abort();
      wakeUp?.();
      await running;
    },
  };
}
