import { randomUUID } from "node:crypto";
import type { SecretBox } from "@revolv/alarms";
import type { StoredAlarmChannel } from "@revolv/db/schema";
import type { AlarmChannel, AlarmChannelInput } from "@revolv/validators";
import { TRPCError } from "../trpc";

/**
 * Channels as given → as stored: a webhook's secret sealed (AES-GCM); a webhook sent back
 * without a secret keeps the one stored under its id. A secret is never stored in clear and
 * never answered.
 */
export function storeChannels(
  input: AlarmChannelInput[],
  current: StoredAlarmChannel[],
  secrets: SecretBox | undefined,
): StoredAlarmChannel[] {
  return input.map((channel) => {
    const id = channel.id ?? randomUUID();
    if (channel.kind === "email") return { kind: "email", id, to: channel.to };
    if (channel.secret) {
      if (!secrets) {
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: "Webhooks need ALARM_SECRETS_KEY on this server to store their secret",
        });
      }
      return { kind: "webhook", id, url: channel.url, secretCiphertext: secrets.seal(channel.secret) };
    }
    const kept = current.find((c) => c.id === channel.id && c.kind === "webhook");
    if (kept?.kind !== "webhook") {
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: `The webhook ${channel.url} needs a secret (at least 16 characters)`,
      });
    }
    return { kind: "webhook", id, url: channel.url, secretCiphertext: kept.secretCiphertext };
  });
}

export const shownChannels = (channels: StoredAlarmChannel[]): AlarmChannel[] =>
  channels.map((channel) =>
    channel.kind === "webhook" ? { kind: "webhook", id: channel.id, url: channel.url } : channel,
  );
