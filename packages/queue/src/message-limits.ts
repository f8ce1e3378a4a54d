import type { OutgoingMessage } from "./queue-client";

/**
 * What SQS takes as a message body, checked before sending where a refusal must be explained
 * rather than tried (a redrive, the bridge's dead letters).
 */

/** SendMessage's largest body in bytes (1 MiB, SQS's limit since August 2025; fauxqs's too). */
export const sqsMaxMessageBytes = 1_048_576;

/** SendMessageBatch's largest total: the sum of its messages' sizes (`sqsMessageBytes`), 1 MiB too. */
export const sqsMaxBatchBytes = 1_048_576;

/**
 * A message's size as SQS counts it against both limits: the body's UTF-8 bytes, plus for each
 * message attribute its name, its data type (ours are all "String") and its value.
 */
export function sqsMessageBytes({ body, attributes = {} }: OutgoingMessage): number {
  let bytes = Buffer.byteLength(body);
  for (const [name, value] of Object.entries(attributes))
    bytes += Buffer.byteLength(name) + Buffer.byteLength("String") + Buffer.byteLength(value);
  return bytes;
}

// SQS's allowed set: #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF
// (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html).
// With the `u` flag a lone surrogate is one code point outside every range.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are the point
const refusedBySqs = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Names the first character SQS refuses in `text`, e.g. "U+0000 at character 4 of the body". */
export function describeRefusedCharacter(text: string): string | undefined {
  const match = refusedBySqs.exec(text);
  if (!match) return undefined;
  const codePoint = (match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
  return `U+${codePoint} at character ${match.index} of the body is not allowed in an SQS message`;
}
