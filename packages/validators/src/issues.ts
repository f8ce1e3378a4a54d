import type { z } from "zod";

/** One line naming every bad field, e.g. for start-up failures that must not print a stack. */
export function formatIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "config"}: ${issue.message}`).join("; ");
}
