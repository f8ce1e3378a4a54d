export {
  type AlarmsEnv,
  alarmSecretsKeyFrom,
  alarmsEnvSchema,
  deliveryRetentionMsFrom,
} from "./env";
export {
  type AlarmEvaluator,
  type AlarmEvaluatorOptions,
  createAlarmEvaluator,
} from "./evaluation/alarm-evaluator";
export type { ReadingCondition } from "./evaluation/condition";
export {
  type EvaluatedReading,
  evaluateReadings,
  type ReadingsToEvaluate,
} from "./evaluation/evaluate-readings";
export {
  type ConditionState,
  type Decision,
  evaluateSamples,
  evaluateSilence,
  initialConditionState,
  type Sample,
} from "./evaluation/evaluator";
export { promoteHolds } from "./evaluation/hold-check";
export { RuleCache } from "./evaluation/rule-cache";
export { scopeMatches } from "./evaluation/scope";
export { checkSilence } from "./evaluation/silence-check";
export { transitionId } from "./evaluation/transition-id";
export { changeAlarms } from "./lifecycle";
export {
  backoffMs,
  type NotificationDispatcher,
  startNotificationDispatcher,
} from "./notifications/dispatcher";
export type { AlarmWebhookBody, EmailPayload } from "./notifications/payload";
export { pruneDeliveries } from "./notifications/prune";
export { SecretBox } from "./notifications/secret-box";
export { createEmailSender, type EmailSender } from "./notifications/senders";
export { signatureHeader, signBody, verifySignature } from "./notifications/signature";
export { backtestRule } from "./rules/backtest";
export { type AlarmRuntime, type AlarmRuntimeOptions, startAlarmRuntime } from "./runtime";
