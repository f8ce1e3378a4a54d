import { type DestinationStream, type Logger, type LoggerOptions, pino } from "pino";
import pretty from "pino-pretty";

export type { Logger };

/**
 * Keys whose values never reach a log line, wherever they sit in a logged object (top level or
 * up to three levels down: `req.headers.authorization`, `body.input.password`). Matched by pino's
 * redaction on exact key names, case as written: HTTP headers arrive lower-cased.
 */
export const redactedKeys = [
  "authorization",
  "cookie",
  "set-cookie",
  "password",
  "currentPassword",
  "newPassword",
  "passwordHash",
  "credential",
  "credentialHash",
  "token",
  "accessToken",
  "refreshToken",
  "sessionToken",
  "secret",
  "authSecret",
  "clientSecret",
  "webhookSecret",
  "signingSecret",
  "secretAccessKey",
  "apiKey",
  "x-api-key",
] as const;

export const redactedValue = "[redacted]";

/** Every path pino should censor: each key at the top and under one to three levels of nesting. */
export function redactionPaths(keys: readonly string[] = redactedKeys): string[] {
  const quoted = keys.map((key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`));
  const at = (prefix: string, key: string) => (key.startsWith("[") ? `${prefix}${key}` : `${prefix}.${key}`);
  return quoted.flatMap((key) => [key, at("*", key), at("*.*", key), at("*.*.*", key)]);
}

export interface CreateLoggerOptions {
  /** The process or component (`web`, `ingest`, `broker`): one field on every line. */
  name: string;
  /** `LOG_LEVEL`; `info` by default. */
  level?: string | undefined;
  /** Readable lines for a person at a terminal (development); JSON lines otherwise. */
  pretty?: boolean | undefined;
  /** Where lines go (tests); stdout by default. */
  destination?: DestinationStream | undefined;
}

/**
 * The one logger factory: JSON lines in production (CloudWatch and Loki parse them as they are),
 * coloured single lines in development. Pretty printing runs in this thread (pino-pretty as a
 * stream, not a transport worker), so a crash never loses the last lines and bundling the server
 * needs no worker file beside it.
 */
export function createLogger({ name, level, pretty: readable, destination }: CreateLoggerOptions): Logger {
  const options: LoggerOptions = {
    name,
    level: level ?? "info",
    redact: { paths: redactionPaths(), censor: redactedValue },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  if (readable && !destination) {
    return pino(
      options,
      pretty({
        sync: true,
        colorize: process.stdout.isTTY,
        ignore: "pid,hostname",
        translateTime: "HH:MM:ss.l",
      }),
    );
  }
  return destination ? pino(options, destination) : pino(options);
}

/**
 * The callback the packages take as their `log` option: a line for a person, and the fields a
 * machine filters by (`deviceId`, `messageId`, `requestId`). Packages stay free of the logger; the
 * process that starts them decides where lines go.
 */
export type LogLine = (line: string, fields?: Record<string, unknown>) => void;

/** A `log` option writing to a logger at info. */
export const lineLogger =
  (logger: Logger): LogLine =>
  (line, fields) => {
    if (fields) logger.info(fields, line);
    else logger.info(line);
  };
