/**
 * What the pipeline procedures need of SQS, per queue, as IAM actions, and the environment the web
 * app reads to find the queues (`production-services.ts`). The web task's role in Terraform grants
 * exactly these (tooling/infra-checks compares them), and pipeline.test.ts records the calls the
 * procedures really make against this list, so neither side drifts. No imports: the infra checks
 * read it without loading the API.
 */
export const pipelineSqsAccess = {
  environment: ["AWS_REGION", "SQS_QUEUE_URL", "SQS_DLQ_URL"],
  actions: {
    /** Depth for the status; SendMessage for a redrive. */
    queue: ["sqs:GetQueueAttributes", "sqs:SendMessage"],
    /** Depth; the list and the actions receive under a hold, release (visibility 0) and delete. */
    deadLetterQueue: [
      "sqs:ChangeMessageVisibility",
      "sqs:DeleteMessage",
      "sqs:GetQueueAttributes",
      "sqs:ReceiveMessage",
    ],
  },
} as const;

export type PipelineQueueRole = keyof typeof pipelineSqsAccess.actions;
