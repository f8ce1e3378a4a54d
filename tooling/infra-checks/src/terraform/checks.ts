import {
  blocksOfType,
  type HclBody,
  isObject,
  namedBlocks,
  resolveModuleSource,
  type TerraformDirectory,
  type TerraformTree,
} from "./load";

/** A check answers with the problems it found; none means it passed. */
export type Problems = string[];

const moduleMetaArguments = new Set(["source", "version", "count", "for_each", "depends_on", "providers"]);

/** Every `module` block points at a local directory of this tree that holds `.tf` files. */
export function checkModuleSources(tree: TerraformTree): Problems {
  const problems: Problems = [];
  for (const directory of tree.directories) {
    for (const [name, call] of namedBlocks(directory.config, "module")) {
      const source = call.source;
      if (typeof source !== "string") {
        problems.push(`${directory.name}: module "${name}" has no source`);
        continue;
      }
      const target = resolveModuleSource(directory, source);
      if (!target)
        problems.push(`${directory.name}: module "${name}" source ${source} is not a directory of this tree`);
      else if (!moduleAt(tree, target))
        problems.push(`${directory.name}: module "${name}" source ${source} holds no .tf files`);
    }
  }
  return problems;
}

function moduleAt(tree: TerraformTree, dir: string): TerraformDirectory | undefined {
  return tree.directories.find((directory) => directory.dir === dir);
}

function hasDefault(variable: HclBody): boolean {
  return "default" in variable;
}

/**
 * Every module call sets each variable of its module that has no default, and nothing the
 * module does not declare; every environment root sets its own required variables in its
 * `.tfvars`.
 */
export function checkRequiredVariables(tree: TerraformTree): Problems {
  const problems: Problems = [];
  for (const directory of tree.directories) {
    for (const [name, call] of namedBlocks(directory.config, "module")) {
      const target =
        typeof call.source === "string" ? resolveModuleSource(directory, call.source) : undefined;
      const module = target && moduleAt(tree, target);
      if (!module) continue; // checkModuleSources reports it
      const variables = namedBlocks(module.config, "variable");
      for (const [variable, body] of variables)
        if (!hasDefault(body) && !(variable in call))
          problems.push(`${directory.name}: module "${name}" does not set required variable ${variable}`);
      for (const argument of Object.keys(call))
        if (!moduleMetaArguments.has(argument) && !variables.has(argument))
          problems.push(
            `${directory.name}: module "${name}" sets ${argument}, which ${module.name} does not declare`,
          );
    }
  }
  for (const environment of environments(tree)) {
    for (const [variable, body] of namedBlocks(environment.config, "variable"))
      if (!hasDefault(body) && !(variable in environment.tfvars))
        problems.push(`${environment.name}: required variable ${variable} is not set in its .tfvars`);
  }
  return problems;
}

export function environments(tree: TerraformTree): TerraformDirectory[] {
  return tree.directories.filter((directory) => /^envs\/[^/]+$/.test(directory.name));
}

/**
 * Each environment keeps its state apart: an empty `backend "s3"` block completed by its own
 * backend.hcl (bucket, key, region), with a key no other environment uses.
 */
export function checkBackends(tree: TerraformTree): Problems {
  const problems: Problems = [];
  const keys = new Map<string, string>();
  for (const environment of environments(tree)) {
    const terraformBlocks = environment.config.terraform;
    const backend = Array.isArray(terraformBlocks)
      ? terraformBlocks.map((block) => (isObject(block) ? block.backend : undefined)).find(Boolean)
      : undefined;
    if (!isObject(backend) || !("s3" in backend))
      problems.push(`${environment.name}: no backend "s3" block (remote state)`);
    const settings = parseBackendHcl(environment.files["backend.hcl"]);
    if (!settings) {
      problems.push(`${environment.name}: no backend.hcl`);
      continue;
    }
    for (const setting of ["bucket", "key", "region"])
      if (!settings[setting]) problems.push(`${environment.name}: backend.hcl does not set ${setting}`);
    const key = `${settings.bucket}/${settings.key}`;
    const other = keys.get(key);
    if (other) problems.push(`${environment.name}: backend.hcl shares its state ${key} with ${other}`);
    keys.set(key, environment.name);
  }
  if (environments(tree).length === 0) problems.push("no environments under envs/");
  return problems;
}

function parseBackendHcl(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined) return undefined;
  const settings: Record<string, string> = {};
  for (const match of text.matchAll(/^\s*(\w+)\s*=\s*"([^"]*)"/gm))
    if (match[1] && match[2] !== undefined) settings[match[1]] = match[2];
  return settings;
}

/**
 * The named topic rule's SQL is the embedded edge's, character for character: `telemetry`
 * (the bridge's body) and `lifecycle` (the broker's connect/disconnect events).
 */
export function checkIotRuleSql(tree: TerraformTree, ruleName: string, edgeSql: string): Problems {
  const rules = tree.directories.flatMap((directory) =>
    [...blocksOfType(directory.config, "resource", "aws_iot_topic_rule")]
      .filter(([name]) => name === ruleName)
      .map(([, body]) => ({ directory, body })),
  );
  if (rules.length === 0) return [`no aws_iot_topic_rule "${ruleName}" in the tree`];
  return rules
    .filter(({ body }) => body.sql !== edgeSql)
    .map(
      ({ directory, body }) =>
        `${directory.name}: the ${ruleName} rule's SQL ${JSON.stringify(body.sql)} differs from the edge's ${JSON.stringify(edgeSql)}`,
    );
}

/**
 * Every queue either redrives to a dead-letter queue of the same module (with a
 * maxReceiveCount) or is itself one.
 */
export function checkDeadLetterQueues(tree: TerraformTree): Problems {
  const problems: Problems = [];
  let queuesSeen = 0;
  for (const directory of tree.directories) {
    const queues = blocksOfType(directory.config, "resource", "aws_sqs_queue");
    queuesSeen += queues.size;
    const deadLetterTargets = new Map<string, string>();
    for (const [name, body] of queues) {
      const redrive = typeof body.redrive_policy === "string" ? body.redrive_policy : "";
      const target = /deadLetterTargetArn\s*[=:]\s*aws_sqs_queue\.(\w+)\.arn/.exec(redrive)?.[1];
      if (target) deadLetterTargets.set(name, target);
    }
    const deadLetterQueues = new Set(deadLetterTargets.values());
    for (const [name, body] of queues) {
      const target = deadLetterTargets.get(name);
      if (target) {
        if (!queues.has(target))
          problems.push(`${directory.name}: queue ${name} redrives to ${target}, which is not a queue here`);
        if (!/maxReceiveCount/.test(String(body.redrive_policy)))
          problems.push(`${directory.name}: queue ${name}'s redrive policy has no maxReceiveCount`);
      } else if (!deadLetterQueues.has(name)) {
        problems.push(`${directory.name}: queue ${name} has no dead-letter queue (redrive_policy)`);
      }
    }
  }
  if (queuesSeen === 0) problems.push("no aws_sqs_queue in the tree");
  return problems;
}

const thingName = "${iot:Connection.Thing.ThingName}";
const deviceActions = new Set(["iot:Connect", "iot:Publish", "iot:Subscribe", "iot:Receive"]);

interface PolicyStatement {
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
}

/**
 * The device policy lets a device act only as its own thing: every Connect, Publish,
 * Subscribe and Receive resource names `${iot:Connection.Thing.ThingName}` (escaped as
 * `$${…}` in HCL), Connect only as `client/<thing>`, and no wildcard stands in for the thing.
 */
export function checkDevicePolicy(tree: TerraformTree): Problems {
  const problems: Problems = [];
  const policies = tree.directories.flatMap((directory) =>
    [...blocksOfType(directory.config, "resource", "aws_iot_policy")].map(
      ([name]) => `${directory.name}/${name}`,
    ),
  );
  if (policies.length === 0) problems.push("no aws_iot_policy in the tree");
  const documents = tree.directories.flatMap((directory) =>
    stringsIn(directory.config)
      .filter((text) => /"Action"\s*:\s*"iot:/.test(text))
      .map((text) => ({ directory, text })),
  );
  if (documents.length === 0) problems.push("no IoT policy document (JSON with iot: actions) in the tree");
  for (const { directory, text } of documents) {
    let statements: PolicyStatement[];
    try {
      statements = (JSON.parse(renderHeredoc(text)) as { Statement: PolicyStatement[] }).Statement;
    } catch (error) {
      problems.push(`${directory.name}: the device policy is not JSON (${(error as Error).message})`);
      continue;
    }
    for (const statement of statements) {
      const actions = [statement.Action ?? []].flat();
      if (!actions.some((action) => deviceActions.has(action) || action === "iot:*")) continue;
      if (actions.includes("iot:*"))
        problems.push(`${directory.name}: the device policy allows iot:* instead of naming its actions`);
      for (const resource of [statement.Resource ?? []].flat()) {
        const label = `${actions.join(",")} on ${resource}`;
        if (!resource.includes(thingName))
          problems.push(`${directory.name}: ${label} is not scoped by ${thingName}`);
        else if (/\*[^/]*\$\{iot:Connection\.Thing\.ThingName\}|client\/\*/.test(resource))
          problems.push(`${directory.name}: ${label} lets a wildcard stand in for the thing`);
        if (actions.includes("iot:Connect") && !resource.endsWith(`:client/${thingName}`))
          problems.push(`${directory.name}: ${label}: iot:Connect must be on client/${thingName} only`);
      }
    }
  }
  return problems;
}

/**
 * The literal text Terraform would produce from a heredoc, with its own interpolations
 * (`${var.x}`) replaced by a placeholder: `$${` is Terraform's escape for a literal `${`.
 */
function renderHeredoc(text: string): string {
  const escaped = "\u0000";
  return text
    .replaceAll("$${", escaped)
    .replace(/\$\{[^}]*\}/g, "TERRAFORM_VALUE")
    .replaceAll(escaped, "${");
}

function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (isObject(value)) return Object.values(value).flatMap(stringsIn);
  return [];
}

const secretNamed = /(secret|password|passwd|token|private_key|api_key|access_key|credential)/i;
// `secret_names`, `task_role_arn`: names of secrets and pointers to them, not their values.
const namesOrPointsAtSecrets = /_(names?|arns?|ids?)$/i;
const secretShaped: [RegExp, string][] = [
  [/AKIA[0-9A-Z]{16}/, "an AWS access key id"],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a private key"],
  [/[a-z][a-z0-9+.-]*:\/\/[^/\s:@${}]+:[^/\s@${}]+@/i, "a URL with a password"],
];

/**
 * No secret value is written in HCL: no secret version with its value, no literal value for
 * an attribute, map key or variable default whose name says secret, nothing shaped like a
 * key or a password-bearing URL in any file (.tfvars included).
 */
export function checkNoSecretValues(tree: TerraformTree): Problems {
  const problems: Problems = [];
  for (const directory of tree.directories) {
    for (const type of ["aws_secretsmanager_secret_version", "aws_ssm_parameter"])
      for (const [name, body] of blocksOfType(directory.config, "resource", type))
        for (const attribute of ["secret_string", "secret_binary", "value"])
          if (attribute in body) problems.push(`${directory.name}: ${type}.${name} sets ${attribute} in HCL`);
    for (const [name, body] of namedBlocks(directory.config, "variable"))
      if (secretNamed.test(name) && typeof body.default === "string" && body.default !== "")
        problems.push(`${directory.name}: variable ${name} has a default value`);
    for (const [key, value] of keyedLiterals(directory.config).concat(keyedLiterals(directory.tfvars)))
      if (secretNamed.test(key) && !namesOrPointsAtSecrets.test(key) && !isReference(value))
        problems.push(`${directory.name}: ${key} is set to a literal value`);
    for (const [file, text] of Object.entries(directory.files))
      for (const [pattern, what] of secretShaped)
        if (pattern.test(text)) problems.push(`${directory.name}/${file}: contains ${what}`);
  }
  return problems;
}

/** `[key, string value]` for every string attribute or map entry, at any depth. */
function keyedLiterals(value: unknown, key = ""): [string, string][] {
  if (typeof value === "string") return key ? [[key, value]] : [];
  if (Array.isArray(value)) return value.flatMap((item) => keyedLiterals(item, key));
  if (isObject(value)) {
    // A variable block's declaration (description, type) is no value.
    return Object.entries(value).flatMap(([childKey, child]) =>
      childKey === "description" || childKey === "type" ? [] : keyedLiterals(child, childKey),
    );
  }
  return [];
}

/** A value that only refers to something else (a secret ARN, a variable) is no secret. */
function isReference(value: string): boolean {
  return value === "" || /^\$\{[^}]+\}$/.test(value) || /^arn:aws/.test(value);
}

/** GitHub's anchor for a Markdown heading. */
function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, "")
    .replace(/ /g, "-");
}

/**
 * Every CloudWatch alarm's description links its runbook (`Runbook: docs/operations.md#…`),
 * and that section exists, so whoever is paged lands on what to do.
 */
export function checkAlarmRunbooks(tree: TerraformTree, operationsMarkdown: string): Problems {
  const anchors = new Set(
    [...operationsMarkdown.matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) => headingAnchor(match[1] ?? "")),
  );
  const problems: Problems = [];
  let alarms = 0;
  for (const directory of tree.directories) {
    for (const [name, body] of blocksOfType(directory.config, "resource", "aws_cloudwatch_metric_alarm")) {
      alarms++;
      const description = typeof body.alarm_description === "string" ? body.alarm_description : "";
      const anchor = /Runbook: docs\/operations\.md#([a-z0-9-]+)/.exec(description)?.[1];
      if (!anchor)
        problems.push(`${directory.name}: alarm ${name} has no "Runbook: docs/operations.md#…" link`);
      else if (!anchors.has(anchor))
        problems.push(
          `${directory.name}: alarm ${name} links docs/operations.md#${anchor}, which has no such section`,
        );
    }
  }
  if (alarms === 0) problems.push("no aws_cloudwatch_metric_alarm in the tree");
  return problems;
}

/** What one deployable needs of SQS: the environment it reads and the IAM actions per queue. */
export interface SqsAccess {
  environment: readonly string[];
  actions: { queue: readonly string[]; deadLetterQueue: readonly string[] };
}

const queueOutputs: Record<string, keyof SqsAccess["actions"]> = {
  queue_arn: "queue",
  dead_letter_queue_arn: "deadLetterQueue",
};
const queueWords: Record<keyof SqsAccess["actions"], string> = {
  queue: "the telemetry queue",
  deadLetterQueue: "the dead-letter queue",
};

/**
 * The web app's task in modules/platform can do what its pipeline page calls and nothing more:
 * every variable of `access.environment` is set on the task (as environment or a secret), and its
 * task role grants exactly `access.actions` on the telemetry queue and its dead-letter queue (the
 * module SQS_QUEUE_URL points at), on no other resource.
 */
export function checkWebSqsAccess(tree: TerraformTree, access: SqsAccess): Problems {
  const platform = tree.directories.find((directory) => directory.name === "modules/platform");
  const web = platform && namedBlocks(platform.config, "module").get("web");
  if (!platform || !web) return ['no module "web" in modules/platform'];
  const where = 'modules/platform: module "web"';
  const problems: Problems = [];

  const environment = isObject(web.environment) ? web.environment : {};
  const secretNames =
    web.secrets === "${module.secrets.arns}" ? localValue(platform.config, "secret_names") : web.secrets;
  const named = new Set([
    ...Object.keys(environment),
    ...(Array.isArray(secretNames) ? secretNames : isObject(secretNames) ? Object.keys(secretNames) : []),
  ]);
  for (const variable of access.environment)
    if (!named.has(variable))
      problems.push(`${where} does not set ${variable}, which the pipeline page reads`);

  const queueModule = /^\$\{module\.(\w+)\.queue_url\}$/.exec(String(environment.SQS_QUEUE_URL ?? ""))?.[1];
  const policyName = /^\$\{data\.aws_iam_policy_document\.(\w+)\.json\}$/.exec(
    String(web.task_policy_json ?? ""),
  )?.[1];
  const policy =
    policyName && blocksOfType(platform.config, "data", "aws_iam_policy_document").get(policyName);
  if (!queueModule || !policy) {
    problems.push(`${where} has no SQS_QUEUE_URL from a queue module and task policy document to compare`);
    return problems;
  }
  const granted = { queue: new Set<string>(), deadLetterQueue: new Set<string>() };
  for (const statement of Array.isArray(policy.statement) ? policy.statement : []) {
    if (!isObject(statement)) continue;
    const actions = [statement.actions ?? []].flat().map(String);
    if (!actions.some((action) => action.startsWith("sqs:"))) continue;
    for (const resource of [statement.resources ?? []].flat().map(String)) {
      const output = new RegExp(`^\\$\\{module\\.${queueModule}\\.(\\w+)\\}$`).exec(resource)?.[1];
      const role = output ? queueOutputs[output] : undefined;
      if (!role) {
        problems.push(
          `${where}: its task role grants ${actions.join(", ")} on ${resource}, no queue it reads`,
        );
        continue;
      }
      for (const action of actions) granted[role].add(action);
    }
  }
  for (const role of ["queue", "deadLetterQueue"] as const) {
    const needed = new Set<string>(access.actions[role]);
    for (const action of needed)
      if (!granted[role].has(action))
        problems.push(
          `${where}: its task role lacks ${action} on ${queueWords[role]}, which the pipeline page calls`,
        );
    for (const action of granted[role])
      if (!needed.has(action))
        problems.push(
          `${where}: its task role grants ${action} on ${queueWords[role]}, which the pipeline page never calls`,
        );
  }
  return problems;
}

function localValue(config: HclBody, name: string): unknown {
  const blocks = Array.isArray(config.locals) ? config.locals : [];
  return blocks.find((block) => isObject(block) && name in block)?.[name];
}
