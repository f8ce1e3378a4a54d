import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { parser } from "@prometheus-io/lezer-promql";
import { parse as parseYaml } from "yaml";

const run = promisify(execFile);

export const repoRoot = path.resolve(import.meta.dirname, "../../..");
export const prometheusDir = path.join(repoRoot, "infra/prometheus");
export const dashboardsDir = path.join(repoRoot, "infra/grafana/dashboards");
export const rulesFiles = () =>
  readdirSync(path.join(prometheusDir, "rules"))
    .filter((name) => name.endsWith(".yml"))
    .map((name) => path.join(prometheusDir, "rules", name));

/** Series Prometheus makes itself for every target: never exported by the app. */
export const scrapeSeries = new Set(["up", "scrape_duration_seconds", "scrape_samples_scraped"]);

/** Every metric name a PromQL expression selects. Throws on an expression that does not parse. */
export function metricNamesIn(expr: string): string[] {
  const tree = parser.parse(expr);
  const names: string[] = [];
  let error: number | undefined;
  tree.iterate({
    enter(node) {
      if (node.type.isError && error === undefined) error = node.from;
      if (node.name === "Identifier" && node.node.parent?.name === "VectorSelector")
        names.push(expr.slice(node.from, node.to));
    },
  });
  if (error !== undefined) throw new Error(`PromQL does not parse at ${error}: ${expr}`);
  return names;
}

export interface Query {
  /** Where: a dashboard panel or an alert. */
  where: string;
  expr: string;
}

interface Panel {
  title: string;
  targets?: { expr?: string }[];
  panels?: Panel[];
}

export function dashboardQueries(): Query[] {
  const queries: Query[] = [];
  for (const file of readdirSync(dashboardsDir).filter((name) => name.endsWith(".json"))) {
    const dashboard = JSON.parse(readFileSync(path.join(dashboardsDir, file), "utf8")) as {
      title: string;
      panels: Panel[];
    };
    const walk = (panels: Panel[]) => {
      for (const panel of panels) {
        for (const target of panel.targets ?? [])
          if (target.expr) queries.push({ where: `${file}: ${panel.title}`, expr: target.expr });
        walk(panel.panels ?? []);
      }
    };
    walk(dashboard.panels);
  }
  return queries;
}

export interface AlertRule {
  alert: string;
  expr: string;
  annotations?: Record<string, string>;
}

export function alertRules(): AlertRule[] {
  return rulesFiles().flatMap((file) => {
    const doc = parseYaml(readFileSync(file, "utf8")) as { groups: { rules: AlertRule[] }[] };
    return doc.groups.flatMap((group) => group.rules);
  });
}

export const ruleQueries = (): Query[] =>
  alertRules().map((rule) => ({ where: `alert ${rule.alert}`, expr: rule.expr }));

/**
 * The metric names a scrape carries, as PromQL sees them: a histogram `x` is `x_bucket`, `x_sum`
 * and `x_count`; every family counts, even one without a sample yet.
 */
export function exportedMetricNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const line of exposition.split("\n")) {
    const typed = /^# TYPE (\S+) (\w+)/.exec(line);
    if (typed) {
      const [, name, type] = typed as unknown as [string, string, string];
      if (type === "histogram") for (const suffix of ["_bucket", "_sum", "_count"]) names.add(name + suffix);
      else if (type === "summary") for (const suffix of ["", "_sum", "_count"]) names.add(name + suffix);
      else names.add(name);
      continue;
    }
    const sample = /^([a-zA-Z_:][\w:]*)[{ ]/.exec(line);
    if (sample?.[1]) names.add(sample[1]);
  }
  return names;
}

/** Sample values of one metric in a scrape, keyed by its label set as written. */
export function samplesOf(exposition: string, name: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of exposition.split("\n")) {
    const match = new RegExp(`^${name}(\\{[^}]*\\})? (\\S+)`).exec(line);
    if (match) values.set(match[1] ?? "", Number(match[2]));
  }
  return values;
}

/** GitHub's anchor of a Markdown heading: lower case, punctuation dropped, spaces to dashes. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const line of markdown.split("\n")) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line)?.[1];
    if (heading)
      anchors.add(
        heading
          .trim()
          .toLowerCase()
          .replace(/[^\w\- ]/g, "")
          .replace(/ /g, "-"),
      );
  }
  return anchors;
}

/**
 * Debian's promtool (`/usr/bin/promtool`, package `prometheus`, which .ci/run installs), or
 * undefined when this machine has none.
 */
export async function findPromtool(): Promise<string | undefined> {
  for (const candidate of [process.env.PROMTOOL, "/usr/bin/promtool", "promtool"]) {
    if (!candidate) continue;
    try {
      await run(candidate, ["--version"]);
      return candidate;
    } catch {}
  }
  return undefined;
}

/** Runs promtool; resolves with its output, rejects with it when promtool exits non-zero. */
export async function promtool(binary: string, args: string[], input?: string): Promise<string> {
  const child = execFile(binary, args, { cwd: prometheusDir });
  if (input !== undefined) child.stdin?.end(input);
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  if (code !== 0) throw new Error(`promtool ${args.join(" ")} exited ${code}:\n${output}`);
  return output;
}
