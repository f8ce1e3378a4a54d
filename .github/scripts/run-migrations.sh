#!/usr/bin/env bash
# Runs the Postgres and ClickHouse migrations as a one-off task and fails unless it exits 0.
# It runs before the rolling update: new code never meets an old schema, and the services
# never race each other through the same DDL.
#   run-migrations.sh CLUSTER TASK_DEFINITION_ARN SUBNETS SECURITY_GROUP
set -euo pipefail

cluster=$1
task_definition=$2
subnets=$3
security_group=$4

network="awsvpcConfiguration={subnets=[$subnets],securityGroups=[$security_group],assignPublicIp=DISABLED}"
task=$(aws ecs run-task --cluster "$cluster" --task-definition "$task_definition" \
  --launch-type FARGATE --network-configuration "$network" --started-by github-deploy \
  --query 'tasks[0].taskArn' --output text)
echo "migration task $task"

aws ecs wait tasks-stopped --cluster "$cluster" --tasks "$task"
exit_code=$(aws ecs describe-tasks --cluster "$cluster" --tasks "$task" \
  --query 'tasks[0].containers[0].exitCode' --output text)
reason=$(aws ecs describe-tasks --cluster "$cluster" --tasks "$task" \
  --query 'tasks[0].stoppedReason' --output text)

if [ "$exit_code" != "0" ]; then
  echo "::error::migrations failed (exit code $exit_code: $reason); the services were not updated"
  exit 1
fi
echo "migrations applied"
