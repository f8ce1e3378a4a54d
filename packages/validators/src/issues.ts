import type { z } from "zod";

/** What the formatter reads of an issue; Zod's issues and the API's error bodies both have it. */
export interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
}

export interface FormatIssuesOptions {
  /**
   * How an issue about the whole input (empty path) is named: `config` for start-up
   * configuration, `(body)` for a message; `null` gives its message alone.
   */
  whole?: string | null;
  /** At most this many issues; a malformed message can have hundreds. */
  limit?: number;
}

/**
 * One line naming every bad field (`location.latitude: Too big; name: Required`): the start-up
 * error of a bad configuration, the message of a refused request, the reason of a dead letter.
 */
export function formatIssues(
  issues: z.ZodError | readonly IssueLike[],
  { whole = "config", limit }: FormatIssuesOptions = {},
): string {
  const list = "issues" in issues ? issues.issues : issues;
  return list
    .slice(0, limit)
    .map((issue) => {
      const path = issue.path.map(String).join(".") || whole;
      return path === null ? issue.message : `${path}: ${issue.message}`;
    })
    .join("; ");
}
