import { z } from "zod";

/** One field a request got wrong: `path` is dotted (`location.latitude`), empty for the input itself. */
export const inputIssueSchema = z.object({ path: z.string(), message: z.string() });
export type InputIssue = z.infer<typeof inputIssueSchema>;

export const toInputIssues = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  issues.map((issue): InputIssue => ({ path: issue.path.map(String).join("."), message: issue.message }));
