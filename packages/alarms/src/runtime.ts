import type { Database } from "@revolv/db/client";
import { type AlarmEvaluator, createAlarmEvaluator } from "./evaluation/alarm-evaluator";
import {
  type DispatcherOptions,
  type NotificationDispatcher,
  startNotificationDispatcher,
} from "./notifications/dispatcher";
import { SecretBox } from "./notifications/secret-box";
import { createEmailSender } from "./notifications/senders";

export interface AlarmRuntimeOptions {
  db: Database;
  /** From `alarmSecretsKeyFrom`; undefined refuses webhooks with that reason. */
  secretsKey: string | undefined;
  smtpUrl?: string | undefined;
  emailFrom?: string;
  ruleCacheTtlMs?: number;
  /** Backoff, attempts and timeouts of the dispatcher (tests shorten them). */
  delivery?: Omit<DispatcherOptions, "db" | "secrets" | "sendEmail" | "log">;
  log?: (line: string) => void;
}

export interface AlarmRuntime {
  /** Hand to the ingest worker (`alarms`). */
  evaluator: AlarmEvaluator;
  dispatcher: NotificationDispatcher;
  stop(): Promise<void>;
}

/** The evaluator and the outbox dispatcher of one process, the evaluator waking the dispatcher. */
export function startAlarmRuntime(options: AlarmRuntimeOptions): AlarmRuntime {
  const timeoutMs = options.delivery?.attemptTimeoutMs ?? 10_000;
  const dispatcher = startNotificationDispatcher({
    db: options.db,
    secrets: options.secretsKey ? new SecretBox(options.secretsKey) : undefined,
    sendEmail: createEmailSender(
      options.smtpUrl,
      options.emailFrom ?? "Revolv alarms <alarms@revolv.local>",
      timeoutMs,
    ),
    ...options.delivery,
    ...(options.log ? { log: options.log } : {}),
  });
  const evaluator = createAlarmEvaluator({
    db: options.db,
    ...(options.ruleCacheTtlMs === undefined ? {} : { ruleCacheTtlMs: options.ruleCacheTtlMs }),
    onTransitions: () => dispatcher.wake(),
  });
  return { evaluator, dispatcher, stop: () => dispatcher.stop() };
}
