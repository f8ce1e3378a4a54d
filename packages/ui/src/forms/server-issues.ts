import type { z } from "zod";

/**
 * The API reports bad input two ways (packages/api): tRPC errors carry `data.issues` as
 * `z.flattenError` output, REST bodies carry `issues: { path, message }[]` with dotted paths
 * (packages/api/src/input-issues.ts; ui may not import api, so the REST shape is read
 * structurally here).
 */
type FlattenedIssues = ReturnType<typeof z.flattenError>;
type RestIssue = { path: string; message: string };

export type FieldIssue = { field: string | null; message: string };

function isFlattened(value: unknown): value is FlattenedIssues {
  return typeof value === "object" && value !== null && "fieldErrors" in value && "formErrors" in value;
}

function isRestIssues(value: unknown): value is RestIssue[] {
  return (
    Array.isArray(value) &&
    value.every((issue) => typeof issue?.path === "string" && typeof issue?.message === "string")
  );
}

/**
 * The field issues in an error thrown by a tRPC mutation (`TRPCClientError`) or a REST call,
 * or `null` when the error carries none (a network failure, a 500): show those as a whole.
 * `field: null` is an issue with the input as a whole.
 */
export function issuesFromError(error: unknown): FieldIssue[] | null {
  if (typeof error !== "object" || error === null) return null;
  const trpcIssues = (error as { data?: { issues?: unknown } }).data?.issues;
  if (isFlattened(trpcIssues)) {
    const fieldErrors = trpcIssues.fieldErrors as Record<string, string[] | undefined>;
    return [
      ...(trpcIssues.formErrors as string[]).map((message) => ({ field: null, message })),
      ...Object.entries(fieldErrors).flatMap(([field, messages]) =>
        (messages ?? []).map((message) => ({ field, message })),
      ),
    ];
  }
  const restIssues = (error as { issues?: unknown }).issues;
  if (isRestIssues(restIssues))
    return restIssues.map((issue) => ({ field: issue.path || null, message: issue.message }));
  return null;
}
