import { z } from "zod";

/** Offset pagination sized for staff tables; the cap keeps one page cheap. */
export const pageInputSchema = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(25),
});
export type PageInput = z.infer<typeof pageInputSchema>;

export function pageOutputSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
    pageCount: z.number().int(),
  });
}
