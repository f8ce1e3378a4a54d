import type { Database } from "@revolv/db/client";
import { devices } from "@revolv/db/schema";
import type { ReceivedMessage } from "@revolv/queue";
import { type DeadLetter, type DeadLetterSelection, deadLetterBodyPreviewChars } from "@revolv/validators";
import { inArray } from "drizzle-orm";

/**
 * The device a dead letter's body names: the IoT rule's `deviceId`, or `clientId` in the rule
 * error action's body (what the bridge writes). Null when the body is no JSON or names none.
 */
function deviceOf(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { deviceId?: unknown; clientId?: unknown } | null;
    const id = parsed?.deviceId ?? parsed?.clientId;
    return typeof id === "string" && id.length > 0 && id.length <= 128 ? id : null;
  } catch {
    return null;
  }
}

/** Why it was dead-lettered; SQS's own redrive policy (too many receives) leaves no reason. */
const reasonOf = (message: ReceivedMessage) => message.attributes.reason || "unknown";

/** A received dead letter as the page shows it; the worker and the bridge set `reason` and `detail`. */
export function deadLetterOf(message: ReceivedMessage): Omit<DeadLetter, "deviceName"> {
  return {
    messageId: message.messageId,
    reason: reasonOf(message),
    detail: message.attributes.detail && message.attributes.detail !== "-" ? message.attributes.detail : "",
    deviceId: deviceOf(message.body),
    deadLetteredAt: message.sentAt !== undefined ? new Date(message.sentAt) : null,
    body: message.body.slice(0, deadLetterBodyPreviewChars),
    bodyTruncated: message.body.length > deadLetterBodyPreviewChars,
    receiveCount: message.receiveCount,
  };
}

/** Whether a selection takes this message. */
export function selects(selection: DeadLetterSelection): (message: ReceivedMessage) => boolean {
  if (selection.messageIds) {
    const ids = new Set(selection.messageIds);
    return (message) => ids.has(message.messageId);
  }
  return (message) => !selection.reason || reasonOf(message) === selection.reason;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The page's dead letters with the name of the device each names, read in one query for the
 * page's rows only. An id that is no UUID cannot be one of ours (and Postgres would refuse it
 * as a uuid), so it is not asked for.
 */
export async function withDeviceNames(
  db: Database,
  letters: Omit<DeadLetter, "deviceName">[],
): Promise<DeadLetter[]> {
  const ids = [
    ...new Set(
      letters.flatMap((l) => (l.deviceId && uuidPattern.test(l.deviceId) ? [l.deviceId.toLowerCase()] : [])),
    ),
  ];
  const rows = ids.length
    ? await db.select({ id: devices.id, name: devices.name }).from(devices).where(inArray(devices.id, ids))
    : [];
  const names = new Map(rows.map((row) => [row.id.toLowerCase(), row.name]));
  return letters.map((l) => ({
    ...l,
    deviceName: (l.deviceId && names.get(l.deviceId.toLowerCase())) ?? null,
  }));
}

/** Newest first, then by id, so a page is stable between reads of an unchanged queue. */
export function newestFirst(
  a: Pick<DeadLetter, "deadLetteredAt" | "messageId">,
  b: Pick<DeadLetter, "deadLetteredAt" | "messageId">,
): number {
  const at = (b.deadLetteredAt?.getTime() ?? 0) - (a.deadLetteredAt?.getTime() ?? 0);
  return at !== 0 ? at : a.messageId.localeCompare(b.messageId);
}
