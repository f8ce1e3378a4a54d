import type { PageInput } from "@revolv/validators";
import { type Column, ilike, or, type SQL } from "drizzle-orm";

/** The page envelope every list procedure answers with (`pageOutputSchema`). */
export function pageOf<T>(items: T[], total: number, { page, pageSize }: PageInput) {
  return { items, page, pageSize, total, pageCount: Math.ceil(total / pageSize) };
}

/** Case-insensitive "contains" over any of the columns; `%`, `_` and `\` in the text match themselves. */
export function searchAny(text: string, columns: Column[]): SQL | undefined {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return or(...columns.map((column) => ilike(column, pattern)));
}
