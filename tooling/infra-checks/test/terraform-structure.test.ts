import { readFileSync } from "node:fs";
import path from "node:path";
import { pipelineSqsAccess } from "@revolv/api/pipeline-sqs-access";
import { lifecycleTopicRuleSql, telemetryTopicRuleSql } from "@revolv/broker/iot-rule-sql";
import { beforeAll, describe, expect, it } from "vitest";
import {
  checkAlarmRunbooks,
  checkBackends,
  checkDeadLetterQueues,
  checkDevicePolicy,
  checkIotRuleSql,
  checkModuleSources,
  checkNoSecretValues,
  checkRequiredVariables,
  checkWebSqsAccess,
  type Problems,
} from "../src/terraform/checks";
import { loadTerraformTree, type TerraformTree } from "../src/terraform/load";
import { brokenCopy, type Edit, repoRoot, terraformRoot } from "./support/terraform-copy";

const operationsMarkdown = readFileSync(path.join(repoRoot, "docs/operations.md"), "utf8");

const checks: Record<string, (tree: TerraformTree) => Problems> = {
  "module sources exist": checkModuleSources,
  "required variables are set in every module call and environment": checkRequiredVariables,
  "each environment has its own remote state": checkBackends,
  "the IoT rule SQL equals the bridge's": (tree) => checkIotRuleSql(tree, "telemetry", telemetryTopicRuleSql),
  "the lifecycle rule SQL equals the broker's": (tree) =>
    checkIotRuleSql(tree, "lifecycle", lifecycleTopicRuleSql),
  "every queue has a dead-letter queue": checkDeadLetterQueues,
  "the device policy is scoped by the thing name": checkDevicePolicy,
  "no secret value is in HCL": checkNoSecretValues,
  "every alarm links a runbook section of docs/operations.md": (tree) =>
    checkAlarmRunbooks(tree, operationsMarkdown),
  "the web task reaches the queues exactly as the pipeline page calls them": (tree) =>
    checkWebSqsAccess(tree, pipelineSqsAccess),
};

describe("infra/terraform as committed", () => {
  let tree: TerraformTree;
  beforeAll(async () => {
    tree = await loadTerraformTree(terraformRoot);
  });

  it("holds the modules and the three environments", () => {
    const names = tree.directories.map((directory) => directory.name);
    expect(names).toEqual(expect.arrayContaining(["envs/dev", "envs/staging", "envs/prod"]));
    for (const module of [
      "network",
      "ecr",
      "ecs-service",
      "sqs",
      "iot",
      "secrets",
      "cdn",
      "observability",
      "backup",
    ])
      expect(names).toContain(`modules/${module}`);
  });

  for (const [name, check] of Object.entries(checks))
    it(`passes: ${name}`, () => expect(check(tree)).toEqual([]));
});

interface BrokenCase {
  check: keyof typeof checks;
  defect: string;
  edits: Edit[];
  expected: string;
}

const brokenCases: BrokenCase[] = [
  {
    check: "the web task reaches the queues exactly as the pipeline page calls them",
    defect: "the web task is not told where the dead-letter queue is",
    edits: [
      {
        file: "modules/platform/main.tf",
        from: "    SQS_DLQ_URL   = module.telemetry_queue.dead_letter_queue_url\n  }\n  secrets          = module.secrets.arns\n  task_policy_json = data.aws_iam_policy_document.web.json",
        to: "  }\n  secrets          = module.secrets.arns\n  task_policy_json = data.aws_iam_policy_document.web.json",
      },
    ],
    expected: 'modules/platform: module "web" does not set SQS_DLQ_URL, which the pipeline page reads',
  },
  {
    check: "the web task reaches the queues exactly as the pipeline page calls them",
    defect: "the web task role may not send a redriven message to the telemetry queue",
    edits: [
      {
        file: "modules/platform/main.tf",
        from: '    actions   = ["sqs:GetQueueAttributes", "sqs:SendMessage"]',
        to: '    actions   = ["sqs:GetQueueAttributes"]',
      },
    ],
    expected:
      'modules/platform: module "web": its task role lacks sqs:SendMessage on the telemetry queue, which the pipeline page calls',
  },
  {
    check: "the web task reaches the queues exactly as the pipeline page calls them",
    defect: "the web task role may consume (receive and delete) telemetry like the worker",
    edits: [
      {
        file: "modules/platform/main.tf",
        from: '    actions   = ["sqs:GetQueueAttributes", "sqs:SendMessage"]',
        to: '    actions   = ["sqs:GetQueueAttributes", "sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"]',
      },
    ],
    expected:
      'modules/platform: module "web": its task role grants sqs:ReceiveMessage on the telemetry queue, which the pipeline page never calls',
  },
  {
    check: "every alarm links a runbook section of docs/operations.md",
    defect: "an alarm links a runbook that does not exist",
    edits: [
      {
        file: "modules/sqs/main.tf",
        from: "docs/operations.md#queue-backlog-age",
        to: "docs/operations.md#queue-age",
      },
    ],
    expected:
      "modules/sqs: alarm oldest_message_age links docs/operations.md#queue-age, which has no such section",
  },
  {
    check: "module sources exist",
    defect: "an environment points at a module that does not exist",
    edits: [{ file: "envs/prod/main.tf", from: "../../modules/platform", to: "../../modules/platfrom" }],
    expected: 'envs/prod: module "platform" source ../../modules/platfrom is not a directory of this tree',
  },
  {
    check: "required variables are set in every module call and environment",
    defect: "a module call leaves out a required variable",
    edits: [
      { file: "modules/platform/main.tf", from: "  cluster_name   = module.ecs_cluster.name\n", to: "" },
    ],
    expected: 'modules/platform: module "web" does not set required variable cluster_name',
  },
  {
    check: "required variables are set in every module call and environment",
    defect: "an environment's tfvars leaves out a required variable",
    edits: [
      {
        file: "envs/staging/terraform.tfvars",
        from: 'backup_bucket_name     = "revolv-staging-backups"\n',
        to: "",
      },
    ],
    expected: "envs/staging: required variable backup_bucket_name is not set in its .tfvars",
  },
  {
    check: "each environment has its own remote state",
    defect: "dev writes prod's state",
    edits: [
      { file: "envs/dev/backend.hcl", from: '"dev/terraform.tfstate"', to: '"prod/terraform.tfstate"' },
    ],
    expected: "shares its state revolv-terraform-state/prod/terraform.tfstate",
  },
  {
    check: "the IoT rule SQL equals the bridge's",
    defect: "the rule renames a field the worker reads",
    edits: [
      { file: "modules/iot/main.tf", from: "timestamp() AS receivedAt", to: "timestamp() AS received_at" },
    ],
    expected: "modules/iot: the telemetry rule's SQL",
  },
  {
    check: "the lifecycle rule SQL equals the broker's",
    defect: "the lifecycle rule picks fields, so the body is no longer AWS's lifecycle event",
    edits: [
      {
        file: "modules/iot/main.tf",
        from: `sql         = "SELECT * FROM '$aws/events/presence/+/+'"`,
        to: `sql         = "SELECT clientId AS deviceId, eventType FROM '$aws/events/presence/+/+'"`,
      },
    ],
    expected: "modules/iot: the lifecycle rule's SQL",
  },
  {
    check: "every queue has a dead-letter queue",
    defect: "the queue loses its redrive policy",
    edits: [{ file: "modules/sqs/main.tf", from: "  redrive_policy = jsonencode({", to: "  tags = ({" }],
    expected: "modules/sqs: queue this has no dead-letter queue (redrive_policy)",
  },
  {
    check: "the device policy is scoped by the thing name",
    defect: "any device may connect under any client id",
    edits: [
      {
        file: "modules/device-policy/main.tf",
        from: "client/$${iot:Connection.Thing.ThingName}",
        to: "client/*",
      },
    ],
    expected: "iot:Connect on TERRAFORM_VALUE:client/* is not scoped by ${iot:Connection.Thing.ThingName}",
  },
  {
    check: "the device policy is scoped by the thing name",
    defect: "a device may publish under every device's topics",
    edits: [
      {
        file: "modules/device-policy/main.tf",
        from: "topic/${var.topic_root}/$${iot:Connection.Thing.ThingName}/*",
        to: "topic/${var.topic_root}/*",
      },
    ],
    expected:
      "iot:Publish on TERRAFORM_VALUE:topic/TERRAFORM_VALUE/* is not scoped by ${iot:Connection.Thing.ThingName}",
  },
  {
    check: "no secret value is in HCL",
    defect: "a secret's value is written next to its container",
    edits: [
      {
        file: "modules/secrets/main.tf",
        from: "resource ",
        to: 'resource "aws_secretsmanager_secret_version" "auth" {\n  secret_id     = "x"\n  secret_string = "hunter2hunter2"\n}\n\nresource ',
      },
    ],
    expected: "modules/secrets: aws_secretsmanager_secret_version.auth sets secret_string in HCL",
  },
  {
    check: "no secret value is in HCL",
    defect: "a database URL with its password lands in tfvars",
    edits: [
      {
        file: "envs/prod/terraform.tfvars",
        from: "region ",
        to: 'database = "postgres://revolv:hunter2@db.example/revolv"\nregion ',
      },
    ],
    expected: "envs/prod/terraform.tfvars: contains a URL with a password",
  },
  {
    check: "no secret value is in HCL",
    defect: "a task definition gets AUTH_SECRET as plain environment",
    edits: [
      {
        file: "modules/platform/main.tf",
        from: '    NODE_ENV      = "production"\n',
        to: '    NODE_ENV      = "production"\n    AUTH_SECRET   = "change-me-change-me-change-me-32"\n',
      },
    ],
    expected: "modules/platform: AUTH_SECRET is set to a literal value",
  },
];

describe("each check fails on a copy of the tree with one defect", () => {
  for (const broken of brokenCases) {
    it(`${broken.check}: fails when ${broken.defect}`, async () => {
      const copy = brokenCopy(...broken.edits);
      try {
        const problems = (checks[broken.check] as (tree: TerraformTree) => Problems)(
          await loadTerraformTree(copy.root),
        );
        expect(problems.join("\n")).toContain(broken.expected);
      } finally {
        copy.remove();
      }
    });
  }
});
