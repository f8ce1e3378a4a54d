import type { ListDeadLettersInput } from "@revolv/validators";
import { createLoader, type inferParserType, parseAsInteger, parseAsString } from "nuqs/server";

export const deadLetterPageSize = 25;

/** The dead-letter list's view in the URL: the reason it is narrowed to, and the page. */
export const deadLetterParams = {
  reason: parseAsString.withDefault(""),
  page: parseAsInteger.withDefault(1),
};

export type DeadLetterView = inferParserType<typeof deadLetterParams>;

export const loadDeadLetterView = createLoader(deadLetterParams);

/** The `pipeline.deadLetters` input of a view; the server page and the table ask the same. */
export function deadLetterInputOf(view: DeadLetterView): ListDeadLettersInput {
  const reason = view.reason.trim().slice(0, 64);
  return { page: Math.max(1, view.page), pageSize: deadLetterPageSize, ...(reason && { reason }) };
}
