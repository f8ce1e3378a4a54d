#!/usr/bin/env bash
# Rolls a service onto a task definition and waits until the deployment completed.
# ECS's circuit breaker rolls a failing deployment back by itself, after which the service is
# "stable" on the OLD revision: so success is the new revision being the completed primary
# deployment, not merely a stable service. On failure the service is put back on the
# revision it ran before (if the circuit breaker has not done so already) and the job fails.
#   roll-out.sh CLUSTER SERVICE TASK_DEFINITION_ARN
set -euo pipefail

cluster=$1
service=$2
task_definition=$3

previous=$(aws ecs describe-services --cluster "$cluster" --services "$service" \
  --query 'services[0].taskDefinition' --output text)
echo "$service: $previous -> $task_definition"

aws ecs update-service --cluster "$cluster" --service "$service" \
  --task-definition "$task_definition" >/dev/null

stable=true
aws ecs wait services-stable --cluster "$cluster" --services "$service" || stable=false

primary=$(aws ecs describe-services --cluster "$cluster" --services "$service" \
  --query "services[0].deployments[?status=='PRIMARY'] | [0].[taskDefinition, rolloutState]" \
  --output text)
read -r running_definition rollout_state <<<"$primary"

if [ "$stable" = true ] && [ "$running_definition" = "$task_definition" ] &&
  [ "$rollout_state" = "COMPLETED" ]; then
  echo "$service runs $task_definition"
  exit 0
fi

echo "::error::$service did not complete its deployment (primary $running_definition, $rollout_state); rolling back to $previous"
if [ "$running_definition" != "$previous" ]; then
  aws ecs update-service --cluster "$cluster" --service "$service" \
    --task-definition "$previous" >/dev/null
  aws ecs wait services-stable --cluster "$cluster" --services "$service"
fi
exit 1
