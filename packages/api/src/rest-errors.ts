import { formatIssues } from "@revolv/validators";
import { z } from "zod";
import { inputIssueSchema, toInputIssues } from "./input-issues";

/** Every REST error answers with this body and the status matching `code`; nothing else leaks. */
export const restErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  issues: z.array(inputIssueSchema).optional(),
});
export type RestError = z.infer<typeof restErrorSchema>;

/** What trpc-to-openapi sends: our error shape, its string `code`, and Zod's raw issues on a 400. */
const upstreamErrorSchema = z.object({
  code: z.string(),
  message: z.string().optional(),
  issues: z
    .array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }))
    .optional(),
});

/**
 * Rewrites trpc-to-openapi's error body (which also carries tRPC's `data` envelope and says only
 * "Input validation failed") into `{ code, message, issues? }`. Internal errors keep nothing but
 * the request id, so logs can be found and nothing about our internals reaches the caller.
 */
export function toRestError(upstream: unknown, requestId: string): RestError {
  const parsed = upstreamErrorSchema.safeParse(upstream);
  if (!parsed.success || parsed.data.code === "INTERNAL_SERVER_ERROR") {
    return { code: "INTERNAL_SERVER_ERROR", message: `Internal error (request ${requestId})` };
  }
  const { code, message, issues } = parsed.data;
  if (issues && issues.length > 0) {
    const restIssues = toInputIssues(issues);
    // The same line tRPC answers with (see trpc.ts).
    return { code, message: formatIssues(issues, { whole: null }), issues: restIssues };
  }
  return { code, message: message || code };
}
