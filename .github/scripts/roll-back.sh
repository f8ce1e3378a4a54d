#!/usr/bin/env bash
# Puts services back on the task definitions they ran before this deploy, when a later step
# failed after they had been updated. Migrations are not undone: they are written to be
# compatible with the previous release (docs/operations.md → Deploys).
#   roll-back.sh CLUSTER SERVICE=TASK_DEFINITION_ARN...
set -euo pipefail

cluster=$1
shift

for pair in "$@"; do
  [ -n "$pair" ] || continue
  service=${pair%%=*}
  previous=${pair#*=}
  current=$(aws ecs describe-services --cluster "$cluster" --services "$service" \
    --query 'services[0].taskDefinition' --output text)
  if [ "$current" = "$previous" ]; then
    echo "$service already runs $previous"
    continue
  fi
  echo "rolling $service back: $current -> $previous"
  aws ecs update-service --cluster "$cluster" --service "$service" \
    --task-definition "$previous" >/dev/null
done

for pair in "$@"; do
  [ -n "$pair" ] || continue
  aws ecs wait services-stable --cluster "$cluster" --services "${pair%%=*}"
done
