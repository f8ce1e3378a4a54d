import type { AlarmTransitionKind } from "@revolv/validators";
import type { AlarmRow, AlarmRuleRow, DeviceSummary, TransitionRecord } from "../transitions";

/** The JSON a webhook receives for one transition; `id` is also its Idempotency-Key. */
export interface AlarmWebhookBody {
  id: string;
  event: `alarm.${AlarmTransitionKind}`;
  at: string;
  alarm: {
    id: string;
    status: string | null;
    severity: string;
    raisedAt: string | null;
    value: number | null;
    comment: string | null;
  };
  rule: { id: string; name: string };
  device: DeviceSummary;
}

export interface EmailPayload {
  to: string[];
  subject: string;
  text: string;
}

const verb: Record<AlarmTransitionKind, string> = {
  raised: "RAISED",
  acknowledged: "acknowledged",
  cleared: "cleared",
};

/**
 * One outbox row per channel, with the exact bytes to send: fixed when the transition is
 * decided, so every retry sends (and signs) the same body.
 */
export function notificationPayloads(
  rule: AlarmRuleRow,
  alarm: AlarmRow,
  device: DeviceSummary,
  transition: TransitionRecord,
) {
  const body: AlarmWebhookBody = {
    id: transition.id,
    event: `alarm.${transition.kind}`,
    at: transition.at.toISOString(),
    alarm: {
      id: alarm.id,
      status: alarm.status,
      severity: alarm.severity ?? rule.severity,
      raisedAt: alarm.raisedAt?.toISOString() ?? null,
      value: transition.value ?? null,
      comment: transition.comment ?? null,
    },
    rule: { id: rule.id, name: rule.name },
    device,
  };
  return rule.channels.map((channel) => {
    if (channel.kind === "webhook") {
      return {
        id: `${transition.id}:${channel.id}`,
        channelId: channel.id,
        kind: "webhook" as const,
        target: channel.url,
        payload: JSON.stringify(body),
      };
    }
    const email: EmailPayload = {
      to: channel.to,
      subject: `[${body.alarm.severity}] ${rule.name} ${verb[transition.kind]} on ${device.name}`,
      text: [
        `${rule.name} was ${transition.kind} on ${device.name} (${device.type}, site ${device.site}) at ${body.at}.`,
        body.alarm.value === null ? "" : `Value: ${body.alarm.value}`,
        body.alarm.comment ? `Comment: ${body.alarm.comment}` : "",
        `Alarm ${alarm.id}, transition ${transition.id}.`,
      ]
        .filter(Boolean)
        .join("\n"),
    };
    return {
      id: `${transition.id}:${channel.id}`,
      channelId: channel.id,
      kind: "email" as const,
      target: channel.to.join(", "),
      payload: JSON.stringify(email),
    };
  });
}
