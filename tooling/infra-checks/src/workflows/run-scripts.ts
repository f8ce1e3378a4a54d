import { parse } from "yaml";
import { z } from "zod";

const workflowSchema = z.object({
  env: z.record(z.string(), z.unknown()).optional(),
  defaults: z.object({ run: z.object({ shell: z.string().optional() }).optional() }).optional(),
  jobs: z.record(
    z.string(),
    z.object({
      defaults: z.object({ run: z.object({ shell: z.string().optional() }).optional() }).optional(),
      env: z.record(z.string(), z.unknown()).optional(),
      steps: z
        .array(
          z.object({
            name: z.string().optional(),
            run: z.string().optional(),
            shell: z.string().optional(),
            env: z.record(z.string(), z.unknown()).optional(),
          }),
        )
        .optional(),
    }),
  ),
});

export interface RunScript {
  /** `job › step` for messages. */
  label: string;
  shell: string;
  script: string;
}

/**
 * Every `run:` block of a workflow as the script the runner executes. GitHub replaces
 * `${{ … }}` before the shell sees the text, so each expression becomes a plain word here
 * (shellcheck would read it as a broken parameter expansion). The variables the workflow,
 * job and step set in `env:` are declared on a first line, so shellcheck knows they are
 * assigned: its line numbers are one past the step's.
 */
export function runScripts(workflowText: string): RunScript[] {
  const workflow = workflowSchema.parse(parse(workflowText));
  const scripts: RunScript[] = [];
  for (const [jobName, job] of Object.entries(workflow.jobs)) {
    for (const [index, step] of (job.steps ?? []).entries()) {
      if (step.run === undefined) continue;
      const environment = Object.keys({ ...workflow.env, ...job.env, ...step.env });
      const declared = environment.length > 0 ? `declare -x ${environment.join(" ")}\n` : "\n";
      scripts.push({
        label: `${jobName} › ${step.name ?? `step ${index + 1}`}`,
        shell: step.shell ?? job.defaults?.run?.shell ?? workflow.defaults?.run?.shell ?? "bash",
        script: declared + step.run.replace(/\$\{\{[^}]*\}\}/g, "GITHUB_EXPRESSION"),
      });
    }
  }
  return scripts;
}
