import nodemailer from "nodemailer";
import type { EmailPayload } from "./payload";
import { signatureHeader, signBody } from "./signature";

/** The outcome of one attempt; `status` is the HTTP status when there was an answer. */
export interface AttemptResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

export async function sendWebhook(
  url: string,
  body: string,
  secret: string,
  idempotencyKey: string,
  timeoutMs: number,
): Promise<AttemptResult> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        [signatureHeader]: signBody(body, secret),
        "Idempotency-Key": idempotencyKey,
        "user-agent": "revolv-alarms/1",
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    return { ok, status: response.status, error: ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    return {
      ok: false,
      status: null,
      error: timedOut
        ? `no answer within ${timeoutMs} ms`
        : error instanceof Error
          ? error.message
          : String(error),
    };
  }
}

export type EmailSender = (payload: EmailPayload, idempotencyKey: string) => Promise<AttemptResult>;

/** Email over SMTP (`SMTP_URL`, e.g. `smtp://user:pass@host:587`); without it every email fails with that reason. */
export function createEmailSender(smtpUrl: string | undefined, from: string, timeoutMs: number): EmailSender {
  if (!smtpUrl) {
    return async () => ({
      ok: false,
      status: null,
      error: "SMTP_URL is not set: email notifications are off",
    });
  }
  const url = new URL(smtpUrl);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port) || (url.protocol === "smtps:" ? 465 : 587),
    secure: url.protocol === "smtps:",
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return async (payload, idempotencyKey) => {
    try {
      await transport.sendMail({
        from,
        to: payload.to,
        subject: payload.subject,
        text: payload.text,
        // Lets a mail client thread (and a receiver dedupe) repeated deliveries of one transition.
        messageId: `<${idempotencyKey}@alarms.revolv>`,
        headers: { "X-Revolv-Idempotency-Key": idempotencyKey },
      });
      return { ok: true, status: 250, error: null };
    } catch (error) {
      return { ok: false, status: null, error: error instanceof Error ? error.message : String(error) };
    }
  };
}
